import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Board } from "../board.js";
import { ConfigError } from "../manifest/isolation.js";
import { run } from "./exec.js";
import { ROOT, compileAs } from "./wasm.js";

// assembly/mpu/plan.ts's input and output words.
const IN = { level: 0, rules: 1, pxn: 2, partitions: 3, mmioCount: 4, code: 5, partition: 11 };
const OUT_WORDS = 6;
const STATIC = 0xffffffff;
const E_FIRST = 0xffffff00;
const TYPES = ["P_RO", "P_ROXN", "P_RWXN", "A_RO", "A_ROXN", "A_RWXN", "A_ROPXN"];
const PURPOSES = ["code", "constant data", "SPM private data", "PRoT private data", "ARoT private data", "private data", "peripheral", "secure private data"];
const ERRORS: Record<number, string> = {
  0xffffff01: "a section boundary is not on 32 bytes (a linker-script bug)",
  0xffffff02: "PSA-RoT and ARoT private data interleave in the image (a linker-script bug)",
  0xffffff03: "rules I5 and I6 need the Armv8.1-M PXN attribute",
  0xffffff04: "rules I4-I6 cannot be honoured with a runtime the partitions share",
  0xffffff05: "a peripheral region is not on 32 bytes",
  0xffffff06: "more partitions, peripheral regions or MPU regions than the plan's tables hold (32, 32, 64)",
};

export interface PlanPartition {
  name: string;
  psaRot: boolean;
  rw: [number, number];
}

/** What the plan is made from: the isolation asked for and the linker's boundaries. */
export interface PlanInput {
  level: number;
  rules: number[];
  board: Board;
  code: [number, number];
  ro: [number, number];
  spmRw: [number, number];
  partitions: PlanPartition[];
  mmio: { partition: number; base: number; size: number; writable: boolean }[];
}

export interface PlannedRegion {
  type: string;
  base: number;
  end: number;
  /** The partition whose region this is (loaded while it runs), or undefined for a static region. */
  owner?: string;
  purpose: string;
  device: boolean;
}

export interface RegionPlan {
  regions: PlannedRegion[];
  /** Regions loaded at once: the static ones and the most one partition adds. */
  needed: number;
}

/** Runs assembly/mpu/plan.ts (the code the SPM runs at boot) on the build's layout. */
export async function planRegions(input: PlanInput, generatedDir: string): Promise<RegionPlan> {
  const tool = await compileAs("mpu_plan", join(ROOT, "assembly", "mpu", "tool.ts"), [join(ROOT, "assembly", "mpu")], generatedDir, []);
  const exports = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(tool.wasm)), {}).exports as Record<string, CallableFunction> & { memory: WebAssembly.Memory };
  const words = new Uint32Array(exports.memory.buffer);
  const inAt = (exports.input() as number) >>> 2;
  const PSA_ROT = 2;
  const header = [input.level, input.rules.reduce((m, r) => m | (1 << r), 0), input.board.pxn ? 1 : 0, input.partitions.length, input.mmio.length, ...input.code, ...input.ro, ...input.spmRw];
  words.set(header, inAt);
  input.partitions.forEach((p, i) => words.set([p.psaRot ? PSA_ROT : 0, ...p.rw], inAt + IN.partition + 3 * i));
  input.mmio.forEach((m, i) => words.set([m.partition, m.base, m.size, m.writable ? 1 : 0], inAt + IN.partition + 3 * input.partitions.length + 4 * i));
  const count = (exports.run() as number) >>> 0;
  if (count >= E_FIRST) throw new ConfigError(`isolation level ${input.level}: no MPU plan: ${ERRORS[count] ?? `error 0x${count.toString(16)}`}`);
  const outAt = (exports.output() as number) >>> 2;
  const regions = Array.from({ length: count }, (_, r) => {
    const [type, base, end, owner, purpose, attr] = words.subarray(outAt + r * OUT_WORDS, outAt + (r + 1) * OUT_WORDS);
    return { type: TYPES[type], base, end, owner: owner === STATIC ? undefined : input.partitions[owner].name, purpose: PURPOSES[purpose], device: attr === 1 };
  });
  return { regions, needed: (exports.needed(count) as number) >>> 0 };
}

const hex = (v: number) => `0x${(v >>> 0).toString(16).padStart(8, "0")}`;

/** The plan as `bulkhead layout` prints it: one line per region, static ones first. */
export function formatPlan(plan: RegionPlan, input: PlanInput): string {
  const lines = plan.regions.map((r) =>
    `  ${hex(r.base)}..${hex(r.end - 1)}  ${String(r.end - r.base).padStart(7)} B  ${r.type.padEnd(7)} ${r.device ? "device" : "memory"}  ${r.owner ? `while ${r.owner} runs` : "static"}: ${r.purpose}`);
  const statics = plan.regions.filter((r) => !r.owner).length;
  return [
    `isolation level ${input.level}, rules I1-I3${input.rules.map((r) => `, I${r}`).join("")}: ${plan.needed} of ${input.board.name}'s ${input.board.mpuRegions} MPU regions (${statics} static, ${plan.needed - statics} per running partition at most)`,
    ...lines,
  ].join("\n");
}

/** An ELF's symbols and their addresses (arm-none-eabi-nm). */
export async function symbolsOf(elf: string): Promise<Map<string, number>> {
  const symbols = new Map<string, number>();
  for (const line of (await run("arm-none-eabi-nm", [elf])).split("\n")) {
    const [addr, , name] = line.trim().split(/\s+/);
    if (name) symbols.set(name, parseInt(addr, 16));
  }
  return symbols;
}

/** The boundaries the linker chose, from the secure ELF's symbols (linker/secure.ld.in). */
export async function layoutOf(secureElf: string): Promise<(name: string) => [number, number]> {
  const symbols = await symbolsOf(secureElf);
  return (name) => {
    const start = symbols.get(`__${name}_start`), end = symbols.get(`__${name}_end`);
    if (start === undefined || end === undefined) throw new Error(`${secureElf}: no __${name}_start/__${name}_end`);
    return [start, end];
  };
}

/** The build's check: the plan must fit the board's MPU, else the build fails with what it wanted. */
export function checkPlanFits(plan: RegionPlan, input: PlanInput): void {
  if (plan.needed <= input.board.mpuRegions) return;
  throw new ConfigError(`the MPU plan needs ${plan.needed} regions at once; ${input.board.name} has ${input.board.mpuRegions}:\n${formatPlan(plan, input)}`);
}
