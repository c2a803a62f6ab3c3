import { test } from "node:test";
import { inQemu, onHost } from "./support/tier.ts";
import assert from "node:assert/strict";
import { join } from "node:path";
import { buildImage, buildWasm, type BuildOptions } from "../host/image/build.ts";
import { ROOT } from "../host/image/wasm.ts";
import { Progress } from "../host/image/progress.ts";
import { runQemu } from "../host/qemu/run.ts";
import { runHost } from "../host/runner/run.ts";

// The FF-M conformance suite (tests/conformance): test partitions of both models and an NS client
// that prints one line per case. Every backend runs the same cases, on the host runner and in QEMU.
const quiet = new Progress(() => {});
const options = (backend: "sfn" | "ipc", board = "mps2-an521"): BuildOptions => ({
  board,
  backend,
  manifestList: join(ROOT, "tests", "conformance", "manifest_list.yaml"),
  nsApp: join(ROOT, "tests", "conformance", "ns_suite.ts"),
  variant: "conformance",
});
const CASES = { sfn: 60, ipc: 76 };

function verdicts(uart: string) {
  const lines = uart.split("\n").filter((l) => l.startsWith("[TEST] ") && /: (PASS|FAIL)/.test(l));
  return { lines, failed: lines.filter((l) => l.includes(": FAIL")) };
}

for (const backend of ["sfn", "ipc"] as const) {
  test(`${backend.toUpperCase()} backend, host runner: every conformance case passes`, onHost, async () => {
    const result = runHost(await buildWasm(options(backend), quiet));
    const { lines, failed } = verdicts(result.uart);
    assert.deepEqual(failed, []);
    assert.equal(lines.length, CASES[backend]);
    assert.equal(result.exitCode, 0);
    // Fault containment is visible on the UART: who died and why.
    assert.match(result.uart, /^\[SPM\] partition CONF_SP_VICTIM \(pid 303\) panicked: Wasm trap: unreachable executed$/m);
    assert.match(result.uart, /^\[SPM\] partition CONF_SP_SFN \(pid 300\) panicked: psa_call: the caller may not use this service$/m);
    assert.match(result.uart, /^\[SPM\] partition CONF_SP_MM \(pid 304\) panicked: psa_map_invec: the vector has already been mapped$/m);
    assert.match(result.uart, /^\[SPM\] partition CONF_SP_IRQ \(pid 305\) panicked: Wasm trap: unreachable executed$/m);
    if (backend === "ipc") assert.match(result.uart, /^\[SPM\] partition CONF_SP_IPC \(pid 301\) panicked: psa_panic: called by the partition$/m);
  });

  test(`${backend.toUpperCase()} backend, QEMU mps2-an521: the same cases pass with the same output as the host runner`, inQemu, async () => {
    const image = await buildImage(options(backend), quiet);
    const qemu = await runQemu(image.board, image.secureElf, image.nsElf, { timeoutSeconds: 120 });
    const { lines, failed } = verdicts(qemu.uart);
    assert.deepEqual(failed, []);
    assert.equal(lines.length, CASES[backend]);
    assert.equal(qemu.exitCode, 0);
    assert.equal(qemu.uart, runHost(image).uart);
  });
}

test("the SFN backend rejects an IPC partition, naming it and the way out", onHost, async () => {
  const list = join(ROOT, "tests", "conformance", "ipc-under-sfn.yaml");
  await assert.rejects(buildWasm({ ...options("sfn"), manifestList: list }, quiet), (e: Error) => {
    assert.match(e.message, /ipc\/manifest\.yaml:\d+: model: CONF_SP_IPC is an IPC partition; the SFN backend runs SFN partitions only/);
    return true;
  });
});
