// Issue 17, item 9: a runaway partition (an SFN that never returns, an IPC thread that never waits
// again) is panicked by the secure watchdog once past its manifest's watchdog_ms, and the rest of
// the system (the partition without a budget, the NS side) goes on. In QEMU the secure SysTick
// ticks; on the host runner the partition's metered loops do (host/image/watchdog-meter.ts): the
// output is the same.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { buildImage, buildWasm, type BuildOptions } from "../host/image/build.ts";
import { Progress } from "../host/image/progress.ts";
import { ROOT } from "../host/image/wasm.ts";
import { runQemu } from "../host/qemu/run.ts";
import { runHost } from "../host/runner/run.ts";

const DIR = join(ROOT, "tests", "watchdog");
const quiet = new Progress(() => {});
const options = (backend: "sfn" | "ipc", isolation = 1): BuildOptions => ({
  board: "mps2-an521", backend, isolation, manifestList: join(DIR, "manifest_list.yaml"), nsApp: join(DIR, "ns_app.ts"), variant: "watchdog",
});

const killed = (name: string, pid: number) => [
  `[SPM] watchdog: partition ${name} ran for more than 20 ms without handing the CPU back`,
  `[SPM] partition ${name} (pid ${pid}) panicked: watchdog: ran past its watchdog_ms budget`,
];
const expected = (backend: "sfn" | "ipc") => [
  `[SPM] bulkhead: ${backend === "ipc" ? 3 : 2} partition(s), ${backend === "ipc" ? 3 : 2} service(s), ${backend.toUpperCase()} backend`,
  "[WD] SFN: a long call inside the budget: 0",
  ...killed("RUNAWAY_SFN", 330),
  "[WD] SFN: an SFN that never returns: -130",
  "[WD] the partition without a budget still serves: 0",
  "[WD] SFN: the runaway partition stays dead: -130",
  ...(backend === "ipc" ? [
    "[WD] IPC: a long call inside the budget: 0",
    ...killed("RUNAWAY_IPC", 331),
    "[WD] IPC: a thread that never waits again: -130",
    "[WD] IPC: the partition without a budget still serves: 0",
  ] : []),
  "[WD] done",
  "",
].join("\n");

for (const [backend, isolation] of [["sfn", 1], ["ipc", 1], ["ipc", 2]] as const) {
  const name = `${backend.toUpperCase()}/L${isolation}`;
  test(`${name}: the watchdog panics a runaway partition on the host runner, and the rest serve on`, async () => {
    const r = runHost(await buildWasm(options(backend, isolation), quiet));
    assert.equal(r.uart, expected(backend));
    assert.equal(r.exitCode, 0);
  });
  test(`${name}: the secure SysTick watchdog panics a runaway partition in QEMU, and the rest serve on`, async () => {
    const image = await buildImage(options(backend, isolation), quiet);
    const r = await runQemu(image.board, image.secureElf, image.nsElf, { timeoutSeconds: 120 });
    assert.equal(r.uart, expected(backend));
    assert.equal(r.exitCode, 0);
  });
}
