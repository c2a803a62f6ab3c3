import { test } from "node:test";
import { inQemu, onHost } from "./support/tier.ts";
import assert from "node:assert/strict";
import { buildImage, buildWasm, DEFAULT_MANIFEST_LIST, type BuildOptions } from "../host/image/build.ts";
import { DEMOS } from "../host/image/demos.ts";
import { Progress } from "../host/image/progress.ts";
import { runQemu } from "../host/qemu/run.ts";
import { nsWorld } from "../host/runner/ns-world.ts";
import { PROGRAMMER_ERROR } from "./support/ns-world.ts";
import { callPack } from "../host/abi.ts";
import { join } from "node:path";
import { ROOT } from "../host/image/wasm.ts";

const INVALID_TOKEN = 0xffffffff;
const SUCCESS = 0, ERR_TOKEN = 1, ERR_NSID = 2, ERR_ACCESS = 3;
const ECHO_HANDLE = 0x40000101;

// Issue 17, S3: a released context's connections are ended at their services with
// PSA_IPC_DISCONNECT, or a connection-based service runs out of connection slots for good. The
// conformance suite's SFN service (both backends) holds at most two; the IPC one counts them.
const CONFORMANCE = join(ROOT, "tests", "conformance");
for (const backend of ["sfn", "ipc"] as const) {
  test(`${backend.toUpperCase()}: tfm_nsce_release_ctx of a context holding connections sends each service PSA_IPC_DISCONNECT, so the slots come back`, onHost, async () => {
    const set = await buildWasm({
      board: "mps2-an521", backend, manifestList: join(CONFORMANCE, "manifest_list.yaml"), nsApp: join(CONFORMANCE, "ns_suite.ts"), nsContexts: 2, variant: "conformance",
    }, new Progress(() => {}));
    const s = nsWorld(set).spm;
    const sids = backend === "ipc" ? [0xc001, 0xc300] : [0xc001];
    const openAt = (h: number) => s.psa_call(h, callPack(10, 0, 0), 0, 0);
    for (let round = 0; round < 4; round++) {
      const token = s.tfm_nsce_acquire_ctx(1, 0) >>> 0;
      assert.equal(s.tfm_nsce_load_ctx(token, -2), SUCCESS);
      for (const sid of sids) {
        const handles = [s.psa_connect(sid, 1), s.psa_connect(sid, 1)];
        assert.ok(handles.every((h) => h > 0), `round ${round}, SID 0x${sid.toString(16)}: ${handles}`);
        assert.equal(openAt(handles[0]), 2, "the service holds this context's two connections");
      }
      assert.equal(s.tfm_nsce_save_ctx(token), SUCCESS);
      assert.equal(s.tfm_nsce_release_ctx(token), SUCCESS);
    }
    const token = s.tfm_nsce_acquire_ctx(2, 0) >>> 0;
    assert.equal(s.tfm_nsce_load_ctx(token, -3), SUCCESS);
    for (const sid of sids) assert.equal(openAt(s.psa_connect(sid, 1)), 1, "only the new context's connection is open");
  });
}

// The NSCE rules on the host runner: every operation and every misuse, straight into the SPM.
for (const backend of ["sfn", "ipc"] as const) {
  for (const manageNsid of [false, true]) {
    test(`NSCE rules, ${backend.toUpperCase()}, NSIDs ${manageNsid ? "managed by NSCE" : "the SPM's"}, host runner`, onHost, async () => {
      const set = await buildWasm({ board: "mps2-an521", backend, manifestList: DEFAULT_MANIFEST_LIST, nsContexts: 2, nsManageNsid: manageNsid }, new Progress(() => {}));
      const w = nsWorld(set);
      const s = w.spm;
      const u32 = (v: number) => v >>> 0;
      // Before NSCE is used the NS side calls as itself.
      assert.equal(s.psa_call(ECHO_HANDLE, callPack(0, 0, 0), 0, 0), 0);
      assert.equal(u32(s.tfm_nsce_init(5)), 2, "init asking for more gets what there is");
      assert.equal(u32(s.tfm_nsce_init(0)), 2, "init(0) gets every slot");
      assert.equal(u32(s.tfm_nsce_acquire_ctx(256, 0)), INVALID_TOKEN);
      assert.equal(u32(s.tfm_nsce_acquire_ctx(0, 256)), INVALID_TOKEN);
      assert.equal(u32(s.tfm_nsce_load_ctx(0x0105, -5)), ERR_TOKEN, "load before acquire");
      const a1 = u32(s.tfm_nsce_acquire_ctx(1, 1));
      const a2 = u32(s.tfm_nsce_acquire_ctx(1, 2));
      const b = u32(s.tfm_nsce_acquire_ctx(2, 1));
      assert.equal(a1 >> 16, a2 >> 16, "one context per group");
      assert.notEqual(a1 >> 16, b >> 16);
      assert.equal(u32(s.tfm_nsce_acquire_ctx(3, 1)), INVALID_TOKEN, "no slot left");
      assert.equal(s.psa_call(ECHO_HANDLE, callPack(0, 0, 0), 0, 0), PROGRAMMER_ERROR, "NSCE in use, nothing loaded");
      assert.equal(u32(s.tfm_nsce_load_ctx(a1 | 0x01000000, -5)), ERR_TOKEN, "reserved bits");
      assert.equal(u32(s.tfm_nsce_load_ctx((a1 & ~0xff) | 9, -5)), ERR_TOKEN, "a thread that never acquired");
      assert.equal(u32(s.tfm_nsce_save_ctx(a1)), ERR_ACCESS, "save of a context not loaded");
      if (manageNsid) assert.equal(u32(s.tfm_nsce_load_ctx(a1, 7)), ERR_NSID, "NSIDs are negative");
      assert.equal(u32(s.tfm_nsce_load_ctx(a1, -5)), SUCCESS);
      assert.equal(u32(s.tfm_nsce_load_ctx(a1, -6)), SUCCESS, "load without save switches the NSID");
      assert.equal(u32(s.tfm_nsce_load_ctx(a2, -7)), ERR_ACCESS, "another thread of the group needs a save first");
      assert.equal(u32(s.tfm_nsce_load_ctx(b, -8)), ERR_ACCESS, "another context before saving");
      assert.equal(s.psa_call(ECHO_HANDLE, callPack(0, 0, 0), 0, 0), 0);
      assert.equal(u32(s.tfm_nsce_save_ctx(a1)), SUCCESS);
      assert.equal(s.psa_call(ECHO_HANDLE, callPack(0, 0, 0), 0, 0), PROGRAMMER_ERROR, "after save, no call until a load");
      assert.equal(u32(s.tfm_nsce_load_ctx(b, -8)), SUCCESS);
      assert.equal(u32(s.tfm_nsce_release_ctx(b)), SUCCESS, "release without save");
      assert.equal(u32(s.tfm_nsce_release_ctx(b)), ERR_TOKEN, "release twice");
      assert.equal(u32(s.tfm_nsce_load_ctx(b, -8)), ERR_TOKEN, "a released token");
      assert.equal(u32(s.tfm_nsce_release_ctx(a1)), SUCCESS);
      const c = u32(s.tfm_nsce_acquire_ctx(4, 1));
      assert.notEqual(c, INVALID_TOKEN, "a released group's slot is free again");
      assert.equal(u32(s.tfm_nsce_acquire_ctx(5, 1)), INVALID_TOKEN, "the other slot stays the group's while one thread holds it");
      assert.equal(u32(s.tfm_nsce_load_ctx(a2, -9)), SUCCESS, "the group's other thread still holds it");
      assert.equal(u32(s.tfm_nsce_release_ctx(a2)), SUCCESS, "release of the loaded context");
      assert.notEqual(u32(s.tfm_nsce_acquire_ctx(5, 1)), INVALID_TOKEN, "the last release frees the slot");
      assert.equal(u32(s.tfm_nsce_release_ctx(c)), SUCCESS);
    });
  }
}

// The seed's integration steps in the NS scheduler demo: tasks of three groups, each seen with its
// own client ID; under IPC other groups' calls complete while one task waits inside its call.
// -icount makes the interleaving deterministic.
const demo = (backend: "sfn" | "ipc", manageNsid: boolean): BuildOptions => ({
  board: "mps2-an521", backend, ...DEMOS.nsce, nsManageNsid: manageNsid, variant: manageNsid ? "nsce-nsid" : "nsce",
});

for (const backend of ["sfn", "ipc"] as const) {
  for (const manageNsid of [false, true]) {
    test(`NSCE scheduler demo, ${backend.toUpperCase()}, NSIDs ${manageNsid ? "managed by NSCE" : "the SPM's"}, QEMU mps2-an521`, inQemu, async () => {
      const img = await buildImage(demo(backend, manageNsid), new Progress(() => {}));
      const r = await runQemu(img.board, img.secureElf, img.nsElf, { timeoutSeconds: 60, icount: true });
      assert.equal(r.exitCode, 0, r.uart);
      assert.doesNotMatch(r.uart, /WRONG|MISMATCH/);
      assert.match(r.uart, /NSCE init from thread mode is refused: ok/);
      // Every case bad_inputs (demo/nsce/tasks.c) feeds NSCE; the non-negative NSID one only when NSCE manages NSIDs.
      assert.equal((r.uart.match(/\[NSCE\] bad input: .* -> as defined/g) ?? []).length, manageNsid ? 16 : 15, r.uart);
      for (const task of ["sensor", "logger-a", "logger-b", "audit"]) {
        const m = new RegExp(`\\[NSCE\\] ${task} \\(group \\d+, NSID (-\\d+)\\) is client_id (-\\d+)`).exec(r.uart);
        assert.ok(m, `${task} reported: ${r.uart}`);
        assert.equal(m[2], manageNsid ? m[1] : "-1");
      }
      const overlap = Number(/while sensor waited inside its secure call: (\d+)/.exec(r.uart)![1]);
      if (backend === "ipc") assert.ok(overlap > 0, "two NS contexts live at once");
      assert.match(r.uart, /a call with NSCE in use and no context loaded is refused: ok/);
      // Issue 17, S3: tasks that ended holding connections had them ended at the service when the
      // scheduler released their contexts, so a service that holds three serves three again.
      assert.match(r.uart, /the tally connections of the ended tasks were ended at the service: 3 of 3 connected again/);
    });
  }
}
