// The region plan (assembly/mpu/plan.ts, run through the build's tool) against the FF-M
// isolation design's region-count table, and the build's refusals.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { loadBoard } from "../host/board.ts";
import { buildWasm, ConfigError, DEFAULT_MANIFEST_LIST } from "../host/image/build.ts";
import { checkPlanFits, planRegions, type PlanInput } from "../host/image/mpu-plan.ts";
import { Progress } from "../host/image/progress.ts";
import { BUILD_DIR } from "../host/image/cache.ts";

const board = loadBoard("mps2-an521");
const GEN = join(BUILD_DIR, "gen", "mpu-plan-test");

/** Two PSA-RoT and two ARoT partitions laid out as the linker lays them; `mmio` regions for one ARoT partition. */
function layout(level: number, mmio = 0, rules: number[] = []): PlanInput {
  const rw = (i: number): [number, number] => [0x10210000 + i * 0x1000, 0x10210800 + i * 0x1000];
  return {
    level, rules, board, code: [0x10000000, 0x10008000], ro: [0x10008000, 0x1000a000], spmRw: [0x10200000, 0x10210000],
    partitions: [0, 1, 2, 3].map((i) => ({ name: `P${i}`, psaRot: i < 2, rw: rw(i) })),
    mmio: Array.from({ length: mmio }, (_, k) => ({ partition: 3, base: 0x50000000 + 0x1000 * k, size: 0x1000, writable: k % 2 === 0 })),
  };
}

// Seed 003, "Example Region Numbers", I1-I3 column: A_RO + A_ROXN + P_RWXN + A_RWXN (active
// partition) + n peripherals. Its SPRTL RW region is for runtime metadata, which bulkhead's
// partitions do not have, so it is not planned.
test("level 3 needs the seed's I1-I3 regions: code, constants, SPM data, the running partition's data, its n peripherals", async () => {
  for (const n of [0, 1, 3]) {
    const plan = await planRegions(layout(3, n), GEN);
    assert.equal(plan.needed, 4 + n);
    const types = plan.regions.filter((r) => !r.owner || r.owner === "P3").map((r) => r.type);
    assert.deepEqual(types.slice(0, 4), ["A_RO", "A_ROXN", "P_RWXN", "A_RWXN"]);
    assert.equal(plan.regions.filter((r) => r.owner === "P3").length, 1 + n);
  }
});

test("level 2 keeps PRoT private data privileged and shares one ARoT region: 4 + n", async () => {
  const plan = await planRegions(layout(2, 2), GEN);
  assert.equal(plan.needed, 6);
  const statics = plan.regions.filter((r) => !r.owner);
  assert.deepEqual(statics.map((r) => `${r.type} ${r.purpose}`), ["A_RO code", "A_ROXN constant data", "P_RWXN PRoT private data", "A_RWXN ARoT private data"]);
  assert.deepEqual([statics[2].base, statics[2].end, statics[3].base, statics[3].end], [0x10200000, 0x10211800, 0x10212000, 0x10213800]);
  assert.deepEqual(plan.regions.filter((r) => r.owner).map((r) => `${r.type} ${r.device}`), ["A_RWXN true", "A_ROXN true"]);
});

test("level 1 needs 3 privileged regions (I1 and I2 only: everything shares one domain)", async () => {
  const plan = await planRegions(layout(1, 2), GEN);
  assert.equal(plan.needed, 3);
  assert.deepEqual(plan.regions.map((r) => r.type), ["P_RO", "P_ROXN", "P_RWXN"]);
});

test("a plan larger than the board's MPU fails with the count and every region it wanted", async () => {
  const input = layout(3, 13);
  const plan = await planRegions(input, GEN);
  assert.throws(() => checkPlanFits(plan, input), (e: Error) => e instanceof ConfigError && /needs 17 regions at once; mps2-an521 has 16/.test(e.message) && /while P3 runs: peripheral/.test(e.message));
});

test("rules the hardware or the shared runtime cannot honour are refused with the reason", async () => {
  await assert.rejects(planRegions(layout(3, 0, [5]), GEN), /PXN/);
  await assert.rejects(planRegions(layout(3, 0, [4]), GEN), /share/);
  const quiet = new Progress(() => {});
  const opts = { board: "mps2-an521", backend: "ipc" as const, manifestList: DEFAULT_MANIFEST_LIST, isolation: 3 };
  await assert.rejects(buildWasm({ ...opts, isolationRules: [5] }, quiet), /I5 needs the Armv8.1-M PXN attribute.*cortex-m33/);
  await assert.rejects(buildWasm({ ...opts, isolationRules: [4] }, quiet), /I4 .*SPRTL/);
  await assert.rejects(buildWasm({ ...opts, backend: "sfn" }, quiet), /level 3 needs the IPC backend/);
});
