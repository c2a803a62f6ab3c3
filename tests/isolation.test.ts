// The isolation matrix: for each backend and isolation level, attacker partitions (PSA-RoT and
// ARoT) read, write and execute the code, constant data, private data, stack and peripheral of
// the NS side, the SPM, a PSA-RoT partition, an ARoT partition and themselves; pass a service an
// iovec in each domain's memory; overflow their stacks. The NS side reads, writes and executes
// every secure asset. Every outcome must be the one FF-M's rules give, a refused partition access
// must kill only the attacker, and the victims must still serve at the end. On the host runner
// (modelled MPU) and in QEMU (the real one).
import { test } from "node:test";
import { inQemu, onHost } from "./support/tier.ts";
import assert from "node:assert/strict";
import { expected, matrixInQemu, matrixOnHost, qemuMayAllow, type MatrixConfig, type MatrixRun } from "./support/isolation.ts";

const CONFIGS: MatrixConfig[] = [
  { backend: "sfn", level: 1 },
  { backend: "ipc", level: 1 },
  { backend: "ipc", level: 2 },
  { backend: "ipc", level: 3 },
];
const CASES = 207;

function check(c: MatrixConfig, run: MatrixRun, tolerated: (key: string) => boolean = () => false): void {
  assert.equal(run.outcomes.size, CASES, run.uart);
  const wrong = [...run.outcomes].filter(([k, v]) => v !== expected(c, k) && !tolerated(k)).map(([k, v]) => `${k}: ${v}, rules say ${expected(c, k)}`);
  assert.deepEqual(wrong, []);
  assert.ok(run.victimsServe, "the victim partitions must still serve after every attacker fault");
  // Each refused access printed what the fault handler saw, and only the attacker panicked; the
  // only halts are the ones NS code caused, on its own case's line.
  assert.doesNotMatch(run.uart.replace(/^\[ISO\] \d+ NS .*$/gm, ""), /FATAL|partition ISO_VICTIM/);
}

for (const c of CONFIGS) {
  const name = `${c.backend.toUpperCase()}, level ${c.level}`;
  test(`isolation matrix, ${name}, host runner: every access as FF-M's rules say`, onHost, async () => {
    check(c, await matrixOnHost(c));
  });
  test(`isolation matrix, ${name}, QEMU mps2-an521: every access as FF-M's rules say`, inQemu, async () => {
    check(c, await matrixInQemu(c), (k) => qemuMayAllow(c, k));
  });
}
