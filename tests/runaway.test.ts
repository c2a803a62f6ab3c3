// Issue 17, items 8 and 9: a runaway partition (an SFN that never returns, an IPC thread that never
// waits again) is panicked by the secure watchdog once past its manifest's watchdog_ms, one that
// recurses without end by its stack limit, and the rest of the system (the partition without a
// budget, the NS side) goes on. In QEMU the secure SysTick ticks; on the host runner the
// partition's metered loops do (host/image/watchdog-meter.ts). The output is the same but for the
// line the target's fault handler adds for the stack overflow (the host runner has no registers
// to show: there V8's call stack runs out, not the partition's stack_size, so it comes sooner).
import { test } from "node:test";
import { inQemu, onHost } from "./support/tier.ts";
import assert from "node:assert/strict";
import { join } from "node:path";
import { buildImage, buildWasm, type BuildOptions } from "../host/image/build.ts";
import { Progress } from "../host/image/progress.ts";
import { ROOT } from "../host/image/wasm.ts";
import { runQemu } from "../host/qemu/run.ts";
import { runHost } from "../host/runner/run.ts";

const DIR = join(ROOT, "tests", "runaway");
const quiet = new Progress(() => {});
const options = (backend: "sfn" | "ipc", isolation = 1): BuildOptions => ({
  board: "mps2-an521", backend, isolation, manifestList: join(DIR, "manifest_list.yaml"), nsApp: join(DIR, "ns_app.ts"), variant: "runaway",
});

const killed = (name: string, pid: number) => [
  `[SPM] watchdog: partition ${name} ran for more than 20 ms without handing the CPU back`,
  `[SPM] partition ${name} (pid ${pid}) panicked: watchdog: ran past its watchdog_ms budget`,
];
// Issue 17, item 4: NULL, and the reserved area below static data, is an invalid pointer in every
// PSA API a partition calls; FF-M's outcome is a panic (here with the restart that serves the next).
const nulls = () => [
  ["a NULL invec array", "psa_call: an input vector is memory the caller may not read"],
  ["a NULL invec base", "psa_call: an input vector is memory the caller may not read"],
  ["psa_read into NULL", "psa_read: buffer is NULL or outside the partition's memory"],
  ["psa_write from NULL", "psa_write: buffer is NULL or outside the partition's memory"],
  ["psa_read below static data", "psa_read: buffer is NULL or outside the partition's memory"],
].flatMap(([what, rule], i) => [
  ...(i > 0 ? [`[SPM] partition NULLER (pid 335) restarts (${i} of 5)`] : []),
  `[SPM] partition NULLER (pid 335) panicked: ${rule}`,
  `[WD] NULL: ${what}: -130`,
]);
const expected = (backend: "sfn" | "ipc", qemu: boolean) => [
  `[SPM] bulkhead: ${backend === "ipc" ? 7 : 6} partition(s), ${backend === "ipc" ? 7 : 6} service(s), ${backend.toUpperCase()} backend`,
  "[WD] SFN: a long call inside the budget: 0",
  ...killed("RUNAWAY_SFN", 330),
  "[WD] SFN: an SFN that never returns: -130",
  "[WD] the partition without a budget still serves: 0",
  "[SPM] partition RUNAWAY_SFN (pid 330) restarts (1 of 1)",
  "[WD] SFN: restarted (restarts: 1), a long call inside the budget passes again: 0",
  ...killed("RUNAWAY_SFN", 330),
  "[WD] SFN: runs away again: -130",
  "[WD] SFN: no restart left, it stays dead: -130",
  ...(qemu ? ["[SPM] UsageFault in partition RUNAWAY_STACK at its stack limit, status 0x00100000"] : []),
  "[SPM] partition RUNAWAY_STACK (pid 332) panicked: stack overflow",
  "[WD] unbounded recursion: -130",
  "[WD] ... the others still serve: 0",
  "[WD] heap_size 0x140: three 64-byte buffers fit: 3",
  "[SPM] partition GREEDY (pid 333) panicked: Wasm trap: unreachable executed",
  "[WD] heap_size 0x140: a fourth is past the budget: -130",
  "[SPM] partition NO_HEAP (pid 334) panicked: Wasm trap: unreachable executed",
  "[WD] no heap_size: no heap: -130",
  "[WD] ... the others still serve: 0",
  ...nulls(),
  ...(backend === "ipc" ? [
    "[WD] IPC: a long call inside the budget: 0",
    ...killed("RUNAWAY_IPC", 331),
    "[WD] IPC: a thread that never waits again: -130",
    "[WD] IPC: the partition without a budget still serves: 0",
    "[SPM] partition RUNAWAY_IPC (pid 331) restarts (1 of 1)",
    "[WD] IPC: restarted at the next connect (restarts: 1), a long call inside the budget passes again: 0",
  ] : []),
  "[WD] done",
  "",
].join("\n");

for (const [backend, isolation] of [["sfn", 1], ["ipc", 1], ["ipc", 2]] as const) {
  const name = `${backend.toUpperCase()}/L${isolation}`;
  test(`${name}: the watchdog panics a runaway partition and the stack limit a recursing one on the host runner; the rest serve on`, onHost, async () => {
    const r = runHost(await buildWasm(options(backend, isolation), quiet));
    assert.equal(r.uart, expected(backend, false));
    assert.equal(r.exitCode, 0);
  });
  test(`${name}: the secure SysTick watchdog panics a runaway partition and the stack limit a recursing one in QEMU; the rest serve on`, inQemu, async () => {
    const image = await buildImage(options(backend, isolation), quiet);
    const r = await runQemu(image.board, image.secureElf, image.nsElf, { timeoutSeconds: 120 });
    assert.equal(r.uart, expected(backend, true));
    assert.equal(r.exitCode, 0);
  });
}

// Issue 17, item 11: an IPC system in which nothing can ever run again (a service that never
// replies and waits for what never comes; its client blocked; no interrupt in the image) halts
// safely with the same words on both: QEMU used to wait in WFI forever, because the agents of
// NSCE contexts never acquired counted as ready.
test("IPC: a deadlocked system halts with the same FATAL line on the host runner and in QEMU", inQemu, async () => {
  const deadlock = [
    "[SPM] bulkhead: 7 partition(s), 7 service(s), IPC backend",
    "[WD] deadlock",
    "[SPM] FATAL every thread is blocked or dead: the system has deadlocked",
    "[SPM] FATAL Wasm trap in secure code: unreachable executed",
    "",
  ].join("\n");
  const host = runHost(await buildWasm(options("ipc"), quiet), undefined, 1);
  assert.deepEqual([host.uart, host.exitCode], [deadlock, 125]);
  const image = await buildImage(options("ipc"), quiet);
  const qemu = await runQemu(image.board, image.secureElf, image.nsElf, { timeoutSeconds: 60, bootArg: 1 });
  assert.deepEqual([qemu.uart, qemu.exitCode], [deadlock, 125]);
});
