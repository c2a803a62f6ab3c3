// The FNV partition on the host runner (bulkhead/testing): the same .wasm the board image is made
// from, called as an NS client would; and the whole image in QEMU. An IPC partition needs the
// IPC backend.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PSA_IPC_CALL, PSA_SUCCESS, bootInQemu, secureWorld } from "bulkhead/testing";

const fnv1a = (s: string, h = 0x811c9dc5) => {
  for (const b of Buffer.from(s)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
};

test("FNV_SERVICE keeps a running hash per connection", async () => {
  const world = await secureWorld({ backend: "ipc" });
  const a = world.connect("FNV_SERVICE");
  const b = world.connect("FNV_SERVICE");
  assert.ok(a > 0 && b > 0, "two connections");
  assert.equal(world.call(a, PSA_IPC_CALL, ["hello, "], [4]).status, PSA_SUCCESS);
  const r = world.call(a, PSA_IPC_CALL, ["world"], [4]);
  assert.equal(r.outputs[0].readUInt32LE(0), fnv1a("hello, world"));
  assert.equal(world.call(b, PSA_IPC_CALL, ["x"], [4]).outputs[0].readUInt32LE(0), fnv1a("x"), "connections do not share state");
  world.close(a);
  world.close(b);
  assert.deepEqual(world.panicked(), []);
});

test("the image boots in QEMU and the NS application's hash matches", async () => {
  const { exitCode, uart } = await bootInQemu();
  assert.match(uart, /\[NS\] FNV-1a of the two calls: \d+ \(matches\)/);
  assert.equal(exitCode, 0);
});
