import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { buildImage, DEFAULT_MANIFEST_LIST, type Image } from "../host/image/build.ts";
import { symbolsOf } from "../host/image/mpu-plan.ts";
import { Progress } from "../host/image/progress.ts";
import { runQemu } from "../host/qemu/run.ts";
import { runHost } from "../host/runner/run.ts";
import { defaultImageUart } from "./expected.ts";

const quiet = new Progress(() => {});
const build = (board: string, backend: "sfn" | "ipc" = "sfn") => buildImage({ board, backend, manifestList: DEFAULT_MANIFEST_LIST }, quiet);

for (const board of ["mps2-an505", "mps2-an521", "mps3-an524"]) {
  for (const backend of ["ipc", "sfn"] as const) {
    test(`${board}, ${backend.toUpperCase()}: the default image boots in QEMU, NS calls the secure services, exit code 0`, async () => {
      const image = await build(board, backend);
      const result = await runQemu(image.board, image.secureElf, image.nsElf, { timeoutSeconds: 60 });
      assert.equal(result.uart, defaultImageUart(backend));
      assert.equal(result.exitCode, 0);
    });
  }
}

for (const backend of ["ipc", "sfn"] as const) {
  test(`${backend.toUpperCase()}: the host runner runs the same .wasm files with byte-identical output`, async () => {
    const image: Image = await build("mps2-an505", backend);
    const host = runHost(image);
    const qemu = await runQemu(image.board, image.secureElf, image.nsElf, { timeoutSeconds: 60 });
    assert.equal(host.uart, qemu.uart);
    assert.equal(host.exitCode, qemu.exitCode);
  });
}

test("each secure module has its own 32-byte aligned code, RO and RW sections; RW holds its linear memory", async () => {
  const image = await build("mps2-an505");
  const sym = await symbolsOf(image.secureElf);
  const modules = ["spm", ...image.partitions.map((p) => p.name)];
  const ranges: [number, number][] = [];
  for (const m of modules) {
    for (const kind of ["code", "ro", "rw"]) {
      const start = sym.get(`__${m}_${kind}_start`);
      const end = sym.get(`__${m}_${kind}_end`);
      assert.ok(start !== undefined && end !== undefined, `__${m}_${kind}_start/end missing`);
      assert.equal(start % 32, 0, `${m} ${kind} start aligned`);
      assert.equal(end % 32, 0, `${m} ${kind} end aligned`);
      ranges.push([start, end]);
    }
    const memory = sym.get(`bulkhead_memory_${m}`)!;
    const instance = sym.get(`bulkhead_instance_${m}`)!;
    for (const a of [memory, instance]) {
      assert.ok(a >= sym.get(`__${m}_rw_start`)! && a < sym.get(`__${m}_rw_end`)!, `${m}: linear memory and instance inside its RW section`);
    }
  }
  const sorted = ranges.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i][0] >= sorted[i - 1][1], "module sections do not overlap");
  const map = readFileSync(image.secureMap, "utf8");
  assert.match(map, /\.tfm_sp_echo_bss\s+0x[0-9a-f]+\s+0x[0-9a-f]+/);
});

test("the secure image exports the PSA client API as NSC veneers inside the SAU's NSC region", async () => {
  const image = await build("mps2-an505");
  const sym = await symbolsOf(image.secureElf);
  for (const v of ["tfm_psa_framework_version_veneer", "tfm_psa_version_veneer", "tfm_psa_connect_veneer", "tfm_psa_call_veneer", "tfm_psa_close_veneer"]) {
    const a = sym.get(v)!;
    assert.ok(a >= sym.get("__sg_start")! && a < sym.get("__sg_end")!, `${v} in [__sg_start, __sg_end)`);
  }
});
