// Issue 17, item 10: the restart policy. A partition whose manifest allows restarts (restarts: N)
// is restarted at its next call after a panic, at most N times: its memory is its image's again,
// entry_init (SFN) or entry_point (IPC) runs again, connections made before the panic are refused
// and new ones serve, and its ITS objects stay. Both backends, on the host runner and in QEMU.
import { test } from "node:test";
import { inQemu, onHost } from "./support/tier.ts";
import assert from "node:assert/strict";
import { join } from "node:path";
import { buildImage, buildWasm, type BuildOptions } from "../host/image/build.ts";
import { Progress } from "../host/image/progress.ts";
import { ROOT } from "../host/image/wasm.ts";
import { runQemu } from "../host/qemu/run.ts";
import { runHost } from "../host/runner/run.ts";

const DIR = join(ROOT, "tests", "restart");
const quiet = new Progress(() => {});
const options = (backend: "sfn" | "ipc", isolation: number): BuildOptions => ({
  board: "mps2-an521", backend, isolation, manifestList: join(DIR, "manifest_list.yaml"), nsApp: join(DIR, "ns_app.ts"), variant: "restart",
});

const panicked = (name: string, pid: number) => `[SPM] partition ${name} (pid ${pid}) panicked: psa_panic: called by the partition`;
const expected = (backend: "sfn" | "ipc") => [
  `[SPM] bulkhead: ${backend === "ipc" ? 3 : 2} partition(s), ${backend === "ipc" ? 4 : 3} service(s), ${backend.toUpperCase()} backend`,
  "[RS] counts: 0",
  "[RS] counts: 1",
  "[RS] stores an ITS object: 0",
  "[RS] connects: 1",
  panicked("PHOENIX", 340),
  "[RS] panics: -130",
  "[SPM] partition PHOENIX (pid 340) restarts (1 of 2)",
  "[RS] restarted: its memory is its image's again, the count starts over: 0",
  "[RS] ... entry_init ran once more: 1",
  "[RS] a connection made before the restart is refused: -130",
  "[RS] a new connection serves: 1",
  "[RS] its ITS object outlived the restart (bytes): 4",
  panicked("PHOENIX", 340),
  "[RS] panics again: -130",
  "[SPM] partition PHOENIX (pid 340) restarts (2 of 2)",
  "[RS] restarted a second time: 0",
  panicked("PHOENIX", 340),
  "[RS] panics a third time: -130",
  "[RS] no restart left: dead for good: -130",
  "[RS] ... and its connection refused: -130",
  ...(backend === "ipc" ? [
    "[RS] IPC: counts: 0",
    "[RS] IPC: counts: 1",
    panicked("PHOENIX_IPC", 341),
    "[RS] IPC: panics: -130",
    "[SPM] partition PHOENIX_IPC (pid 341) restarts (1 of 1)",
    "[RS] IPC: restarted at the next connect; its thread ran entry_point again, the count starts over: 0",
    panicked("PHOENIX_IPC", 341),
    "[RS] IPC: panics again: -130",
    "[RS] IPC: no restart left: -130",
  ] : []),
  "[RS] done",
  "",
].join("\n");

for (const [backend, isolation] of [["sfn", 1], ["ipc", 1], ["ipc", 3]] as const) {
  const name = `${backend.toUpperCase()}/L${isolation}`;
  test(`${name}: a restartable partition is restarted at its next call, at most as often as its manifest says, on the host runner`, onHost, async () => {
    const r = runHost(await buildWasm(options(backend, isolation), quiet));
    assert.equal(r.uart, expected(backend));
  });
  test(`${name}: the same in QEMU`, inQemu, async () => {
    const image = await buildImage(options(backend, isolation), quiet);
    const r = await runQemu(image.board, image.secureElf, image.nsElf, { timeoutSeconds: 120 });
    assert.equal(r.uart, expected(backend));
    assert.equal(r.exitCode, 0);
  });
}
