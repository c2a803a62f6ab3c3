// The reverse partition on the host runner (bulkhead/testing): the same .wasm the board image is
// made from, called as an NS client would, under both SPM backends; and the whole image in QEMU.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PSA_ERROR_BUFFER_TOO_SMALL, PSA_IPC_CALL, PSA_SUCCESS, bootInQemu, secureWorld } from "bulkhead/testing";

for (const backend of ["sfn", "ipc"] as const) {
  test(`${backend}: REVERSE_SERVICE reverses what it is sent`, async () => {
    const world = await secureWorld({ backend });
    const r = world.call("REVERSE_SERVICE", PSA_IPC_CALL, ["abc"], [3]);
    assert.equal(r.status, PSA_SUCCESS);
    assert.equal(r.outputs[0].toString(), "cba");
    assert.equal(world.call("REVERSE_SERVICE", PSA_IPC_CALL, ["abc"], [2]).status, PSA_ERROR_BUFFER_TOO_SMALL);
    assert.deepEqual(world.panicked(), []);
  });
}

test("the image boots in QEMU and the NS application gets its reply", async () => {
  const { exitCode, uart } = await bootInQemu();
  assert.match(uart, /\[NS\] reply: dlrow eruces ,olleh/);
  assert.equal(exitCode, 0);
});
