/**
 * The benchmark's scenarios as the bench NS application (bench/ns_bench.ts) prints them, and how
 * its "[BENCH] <scenario> <n> <ticks>" lines become instructions per operation.
 */

/** Instructions per SysTick tick under -icount shift=0 (one instruction a nanosecond; TOOLCHAIN.md,
 * Measuring): 50 at the MPS2 boards' 20 MHz, 31.25 at the MPS3 AN524's 32 MHz. */
export const instructionsPerTick = (cpuClockHz: number) => 1e9 / cpuClockHz;

export interface Scenario {
  name: string;
  /** The floor it is compared with (a hand-written path doing the least the scenario needs). */
  floor?: string;
  what: string;
}

export const FLOORS: Scenario[] = [
  { name: "floor_veneer", what: "hand-written null psa_call: one veneer, handle check, table dispatch, back" },
  { name: "floor_switch_pair", what: "hand-written PendSV thread switch pair" },
  { name: "native_sha256_1k", what: "SHA-256 of 1 KiB in C, gcc -Os" },
];

export const SCENARIOS: Scenario[] = [
  { name: "framework_version", floor: "floor_veneer", what: "psa_framework_version: NS → SPM → NS, no partition" },
  { name: "call_empty", floor: "floor_veneer", what: "NS psa_call, stateless service, no iovecs" },
  { name: "call_64b", floor: "floor_veneer", what: "NS psa_call, 64-byte invec read, 64-byte outvec written" },
  { name: "connect_call_close", floor: "floor_veneer", what: "psa_connect + psa_call + psa_close" },
  { name: "secure_to_secure", floor: "floor_veneer", what: "a partition's psa_call to another partition (per call)" },
  { name: "compute_sha256_1k", floor: "native_sha256_1k", what: "SHA-256 of 1 KiB in an AssemblyScript partition (AOT)" },
  { name: "psa_hash_compute_1k", floor: "native_sha256_1k", what: "NS psa_hash_compute (SHA-256, 1 KiB) through the Crypto partition" },
  { name: "nsce_switch", floor: "floor_switch_pair", what: "tfm_nsce_save_ctx + tfm_nsce_load_ctx from an NS handler" },
];

export const ALL = [...FLOORS, ...SCENARIOS];

// What the bench NS image reports instead of ticks (boards/armv8m/bench/ns_bench.c).
const WRAPPED = 0xffffffff;
const REFUSED = 0xfffffffe;

/** Instructions per operation from each "[BENCH]" line of one boot, by scenario. */
export function parseBenchOutput(uart: string, perTick: number): Map<string, { n: number; instructions: number }> {
  const out = new Map<string, { n: number; instructions: number }>();
  for (const m of uart.matchAll(/^\[BENCH\] (\w+) (\d+) (\d+)$/gm)) {
    const [, name, n, ticks] = m;
    if (Number(ticks) === WRAPPED) throw new Error(`${name}: the SysTick counter wrapped; use a smaller --n`);
    if (Number(ticks) === REFUSED) throw new Error(`${name}: the secure side refused an operation the scenario needs`);
    out.set(name, { n: Number(n), instructions: (Number(ticks) * perTick) / Number(n) });
  }
  if (!uart.includes("[BENCH] done")) throw new Error(`the bench image did not finish:\n${uart}`);
  return out;
}
