// Issue 18, item 4: a manifest list of one's own never meets bulkhead's default NS application
// (which calls bulkhead's reference partitions): without an NS application of its own the image
// gets one generated from the list, which asks for every NS service and connects to the
// connection-based ones. On the host runner and in QEMU, both backends.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "./support/temp-dir.ts";
import { buildImage, buildWasm, type BuildOptions } from "../host/image/build.ts";
import { Progress } from "../host/image/progress.ts";
import { ROOT } from "../host/image/wasm.ts";
import { runQemu } from "../host/qemu/run.ts";
import { runHost } from "../host/runner/run.ts";

const options = (backend: "sfn" | "ipc"): BuildOptions => ({
  board: "mps2-an521", backend, manifestList: join(ROOT, "tests", "restart", "manifest_list.yaml"), variant: "services-app",
});
const expected = (backend: "sfn" | "ipc") => [
  `[SPM] bulkhead: ${backend === "ipc" ? 3 : 2} partition(s), ${backend === "ipc" ? 4 : 3} service(s), ${backend.toUpperCase()} backend`,
  `[NS] bulkhead's generated NS application: ${backend === "ipc" ? 4 : 3} service(s) for NS clients`,
  "[NS] psa_framework_version() = 0x0101: ok",
  "[NS] psa_version(PHOENIX_SERVICE) = 1 (PHOENIX): ok",
  "[NS] psa_version(PHOENIX_CONNECTED) = 1 (PHOENIX): ok",
  "[NS] psa_connect(PHOENIX_CONNECTED) = a handle",
  ...(backend === "ipc" ? ["[NS] psa_version(PHOENIX_IPC_SERVICE) = 1 (PHOENIX_IPC): ok", "[NS] psa_connect(PHOENIX_IPC_SERVICE) = a handle"] : []),
  "[NS] psa_version(TFM_INTERNAL_TRUSTED_STORAGE_SERVICE) = 1 (TFM_SP_ITS): ok",
  "",
].join("\n");

for (const backend of ["sfn", "ipc"] as const) {
  test(`${backend.toUpperCase()}: a manifest list without an NS application gets one generated from it, which boots on the host runner and in QEMU`, async () => {
    const host = runHost(await buildWasm(options(backend), new Progress(() => {})));
    assert.deepEqual([host.uart, host.exitCode], [expected(backend), 0]);
    const image = await buildImage(options(backend), new Progress(() => {}));
    const qemu = await runQemu(image.board, image.secureElf, image.nsElf, { timeoutSeconds: 60 });
    assert.deepEqual([qemu.uart, qemu.exitCode], [expected(backend), 0]);
  });
}

// Issue 18, item 3: a partition outside this tree imports the PSA API by package path, as
// bulkhead's own partitions do; an import of a module that does not exist lists those that do.
test("a partition outside bulkhead's tree imports bulkhead/psa/*, builds and boots with the generated NS application", async () => {
  const dir = tempDir("user-project");
  mkdirSync(join(dir, "greeter"));
  writeFileSync(join(dir, "manifest_list.yaml"), "manifest_list:\n  - manifest: greeter/manifest.yaml\n    pid: 444\n");
  writeFileSync(join(dir, "greeter", "manifest.yaml"), [
    "psa_framework_version: 1.1", "name: MY_GREETER", "type: APPLICATION-ROT", "model: SFN", "services:",
    "  - name: MY_GREETER_SERVICE", "    sid: 0x0000E100", "    version: 2", "    non_secure_clients: true", "    connection_based: false", "",
  ].join("\n"));
  const partition = (module: string) => `import { PSA_SUCCESS, psa_msg_t } from "bulkhead/psa/${module}";\nexport function my_greeter_service_sfn(msg: psa_msg_t): i32 { return PSA_SUCCESS; }\n`;
  writeFileSync(join(dir, "greeter", "partition.ts"), partition("service"));
  const opts: BuildOptions = { board: "mps2-an521", backend: "sfn", manifestList: join(dir, "manifest_list.yaml") };
  const r = runHost(await buildWasm(opts, new Progress(() => {})));
  assert.match(r.uart, /\[NS\] psa_version\(MY_GREETER_SERVICE\) = 2 \(MY_GREETER\): ok/);
  assert.equal(r.exitCode, 0);
  writeFileSync(join(dir, "greeter", "partition.ts"), partition("servce"));
  await assert.rejects(buildWasm(opts, new Progress(() => {})), /bulkhead\/psa\/servce does not exist; the modules there are: .*bulkhead\/psa\/client, .*bulkhead\/psa\/service/);
});
