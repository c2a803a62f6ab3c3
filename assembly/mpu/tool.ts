// The region plan for the build tool (host/image/mpu-plan.ts): the same code the SPM runs at
// boot, fed the linker's addresses through INPUT, so `bulkhead layout` and the build's region
// count check see exactly what the target programs.
import { IN_WORDS, MAX_ROWS, OUT_WORDS, plan, regionsNeeded } from "./plan";

const INPUT = memory.data(<i32>IN_WORDS << 2);
const PLAN = memory.data(<i32>(MAX_ROWS * OUT_WORDS) << 2);

export function input(): usize { return INPUT; }
export function output(): usize { return PLAN; }
export function run(): u32 { return plan(INPUT, PLAN); }
export function needed(count: u32): u32 { return regionsNeeded(PLAN, count); }
