// Issue 18, item 5: the public host-runner testing API, imported by package name as a project's
// own tests import it: call services by name with buffers, connect and close, read the UART, see
// which partition panicked.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { secureWorld } from "bulkhead/testing";
import { ROOT } from "../host/image/wasm.ts";

for (const backend of ["sfn", "ipc"] as const) {
  test(`${backend.toUpperCase()}: bulkhead/testing boots a project's secure side and calls its services as an NS client`, async () => {
    const world = await secureWorld({ manifestList: join(ROOT, "tests", "runaway", "manifest_list.yaml"), backend });
    const echo = world.call("TFM_ECHO_SERVICE", 0, ["hello"], [8]);
    assert.deepEqual([echo.status, echo.outputs[0].toString()], [0, "HELLO"]);
    assert.equal(world.version("TFM_ECHO_SERVICE"), 1);
    assert.equal(world.call("NO_HEAP_SERVICE", 0).status, -130, "its partition panicked: CONNECTION_REFUSED");
    assert.deepEqual(world.panicked(), [{ partition: "NO_HEAP", reason: "Wasm trap: unreachable executed" }]);
    assert.equal(world.call("TFM_ECHO_SERVICE", 0, ["still"], [8]).outputs[0].toString(), "STILL", "the others serve on");
    if (backend === "ipc") {
      const h = world.connect("RUNAWAY_IPC_SERVICE");
      assert.ok(h > 0);
      assert.equal(world.call(h, 0).status, 0);
      world.close(h);
    }
    assert.throws(() => world.call("NOPE", 0), /no service NOPE in .*manifest_list\.yaml; the services are: RUNAWAY_SFN_SERVICE/);
  });
}

test("bulkhead/testing: calls as NSCE clients; services see the NSID as client ID with nsManageNsid, and TF-M's one NS client ID, -1, without", async () => {
  const list = join(ROOT, "tests", "conformance", "manifest_list.yaml");
  const CLIENT_ID = 3; // CONF_SFN_STATELESS answers a type-3 call with msg.client_id
  const managed = await secureWorld({ manifestList: list, backend: "sfn", nsContexts: 2, nsManageNsid: true });
  assert.equal(managed.nsce.init(2), 2);
  assert.equal(managed.asClient(-5, () => managed.call("CONF_SFN_STATELESS", CLIENT_ID).status), -5);
  assert.equal(managed.asClient(-7, () => managed.call("CONF_SFN_STATELESS", CLIENT_ID).status, 1), -7);
  assert.throws(() => managed.asClient(-9, () => 0, 2), /tfm_nsce_load_ctx\(group 2, NSID -9\) = \d+: did nsce.init reserve a context for the group/);

  // FF-M: when the SPM provides the NS client ID, "the same negative client_id must be used for all
  // connections"; TF-M's is -1.
  const assigned = await secureWorld({ manifestList: list, backend: "sfn", nsContexts: 2 });
  assert.equal(assigned.nsce.init(2), 2);
  assert.equal(assigned.asClient(-5, () => assigned.call("CONF_SFN_STATELESS", CLIENT_ID).status, 0), -1);
  assert.equal(assigned.asClient(-7, () => assigned.call("CONF_SFN_STATELESS", CLIENT_ID).status, 1), -1);
});
