import { test, before } from "node:test";
import assert from "node:assert/strict";
import { buildWasm, DEFAULT_MANIFEST_LIST, type WasmSet } from "../host/image/build.ts";
import { statelessHandle } from "../host/manifest/codegen.ts";
import { Progress } from "../host/image/progress.ts";
import { FlashModel, PowerCut } from "../host/runner/devices.ts";
import { DOES_NOT_EXIST, INSUFFICIENT_STORAGE, INVALID_ARGUMENT, NOT_PERMITTED, NOT_SUPPORTED, NS, PROGRAMMER_ERROR, STORAGE_FAILURE, SUCCESS, loadNsid, nsWorld, pack } from "./support/ns-world.ts";

// The Internal Trusted Storage partition on the host runner, driven from NS as the client library
// drives it (assembly/psa/its.ts, boards/armv8m/ns/psa_its.c).
const WRITE_ONCE = 1;
const NO_CONFIDENTIALITY = 2;
const [SET, GET, GET_INFO, REMOVE] = [1001, 1002, 1003, 1004];
const MAX_ASSET_SIZE = 512;
const NUM_ASSETS = 16;

let set: WasmSet;
let handle: number;
before(async () => {
  set = await buildWasm({ board: "mps2-an521", backend: "sfn", manifestList: DEFAULT_MANIFEST_LIST, nsContexts: 2, nsManageNsid: true }, new Progress(() => {}));
  const its = set.partitions.find((p) => p.partition.name === "TFM_SP_ITS")!.partition.services[0];
  handle = statelessHandle(its);
});

// NS memory: iovec arrays at 0x00 (in) and 0x40 (out), the uid at 0x80, a 32-bit argument at 0x88,
// data in at 0x100, data out at 0x600.
function client(flash = new FlashModel(set.board.peripherals.TFM_PERIPHERAL_ITS_FLASH.size)) {
  const w = nsWorld(set, flash);
  const { map, spm, ns, vec } = w;
  const uid = (u: bigint) => {
    new DataView(ns.buffer).setBigUint64(0x80, u, true);
    vec(NS, NS + 0x80, 8);
  };
  const arg = (v: number, at: number) => {
    map.setU32(NS + 0x88, v >>> 0);
    vec(NS + at, NS + 0x88, 4);
  };
  return {
    flash, world: w,
    set(u: bigint, data: Buffer | string, flags = 0) {
      const bytes = Buffer.from(data);
      uid(u);
      ns.set(bytes, 0x100);
      vec(NS + 8, NS + 0x100, bytes.length);
      arg(flags, 16);
      return spm.psa_call(handle, pack(SET, 3, 0), NS, 0);
    },
    /** `size` by default: the rest of the object (or 0 when it does not exist). */
    get(u: bigint, offset = 0, size?: number) {
      if (size === undefined) {
        const info = this.info(u);
        size = info.status === SUCCESS ? Math.max(0, info.size - offset) : 0;
      }
      uid(u);
      arg(offset, 8);
      vec(NS + 0x40, NS + 0x600, size);
      const status = spm.psa_call(handle, pack(GET, 2, 1), NS, NS + 0x40);
      return { status, data: status === SUCCESS ? Buffer.from(ns.subarray(0x600, 0x600 + map.u32(NS + 0x44))).toString() : undefined };
    },
    info(u: bigint) {
      uid(u);
      vec(NS + 0x40, NS + 0x600, 12);
      const status = spm.psa_call(handle, pack(GET_INFO, 1, 1), NS, NS + 0x40);
      return { status, capacity: map.u32(NS + 0x600), size: map.u32(NS + 0x604), flags: map.u32(NS + 0x608) };
    },
    remove(u: bigint) {
      uid(u);
      return spm.psa_call(handle, pack(REMOVE, 1, 0), NS, 0);
    },
    /** Makes the NS caller the NSCE context with this NSID (the build manages NSIDs). */
    as: (nsid: number, group: number) => loadNsid(spm, nsid, group),
  };
}

test("ITS: set, get, get_info and remove round-trip; a set replaces the object whole", () => {
  const its = client();
  assert.equal(its.set(1n, "hello, storage"), SUCCESS);
  assert.deepEqual(its.get(1n), { status: SUCCESS, data: "hello, storage" });
  assert.deepEqual(its.get(1n, 7, 7), { status: SUCCESS, data: "storage" });
  assert.deepEqual(its.info(1n), { status: SUCCESS, capacity: 14, size: 14, flags: 0 });
  assert.equal(its.set(1n, "short"), SUCCESS);
  assert.deepEqual(its.get(1n, 0, 5), { status: SUCCESS, data: "short" });
  assert.equal(its.info(1n).size, 5);
  assert.equal(its.set(0xffff_ffff_0000_0001n, "a 64-bit uid"), SUCCESS);
  assert.deepEqual(its.get(0xffff_ffff_0000_0001n, 0, 12).data, "a 64-bit uid");
  assert.equal(its.remove(1n), SUCCESS);
  assert.equal(its.get(1n).status, DOES_NOT_EXIST);
  assert.equal(its.set(2n, ""), SUCCESS, "an empty object is an object");
  assert.deepEqual(its.get(2n, 0, 0), { status: SUCCESS, data: "" });
});

test("ITS: the API's errors — uid 0, unknown uids, flags, offsets and sizes past the end, too large", () => {
  const its = client();
  assert.equal(its.set(0n, "x"), INVALID_ARGUMENT);
  assert.equal(its.get(0n).status, INVALID_ARGUMENT);
  assert.equal(its.info(0n).status, INVALID_ARGUMENT);
  assert.equal(its.remove(0n), INVALID_ARGUMENT);
  assert.equal(its.get(9n).status, DOES_NOT_EXIST);
  assert.equal(its.info(9n).status, DOES_NOT_EXIST);
  assert.equal(its.remove(9n), DOES_NOT_EXIST);
  assert.equal(its.set(3n, "x", 1 << 3), NOT_SUPPORTED);
  assert.equal(its.set(3n, "x", NO_CONFIDENTIALITY), SUCCESS, "a flag that only relaxes the store is accepted");
  assert.equal(its.set(4n, "0123456789"), SUCCESS);
  // PSA Storage API 1.0, psa_its_get: it "retrieves up to data_size bytes"; INVALID_ARGUMENT only
  // when data_offset is larger than the object.
  assert.equal(its.get(4n, 11, 0).status, INVALID_ARGUMENT, "offset past the end");
  assert.deepEqual(its.get(4n, 4, 7), { status: SUCCESS, data: "456789" }, "a size past the end gets the rest");
  assert.deepEqual(its.get(4n, 0, 64), { status: SUCCESS, data: "0123456789" });
  assert.deepEqual(its.get(4n, 10, 5), { status: SUCCESS, data: "" }, "offset == size gives 0 bytes");
  assert.deepEqual(its.get(4n, 10, 0), { status: SUCCESS, data: "" });
  assert.equal(its.set(5n, Buffer.alloc(MAX_ASSET_SIZE + 1)), INVALID_ARGUMENT);
  assert.equal(its.get(5n).status, DOES_NOT_EXIST, "a refused set stores nothing");
});

test("ITS: psa_its_get_info reports the flags the object was created with", () => {
  const its = client();
  const NO_REPLAY_PROTECTION = 4;
  assert.equal(its.set(1n, "a", NO_CONFIDENTIALITY), SUCCESS);
  assert.equal(its.set(2n, "b", NO_REPLAY_PROTECTION | NO_CONFIDENTIALITY), SUCCESS);
  assert.equal(its.set(3n, "c", WRITE_ONCE | NO_REPLAY_PROTECTION), SUCCESS);
  const again = client(its.flash);
  assert.deepEqual([1n, 2n, 3n].map((u) => again.info(u).flags), [NO_CONFIDENTIALITY, NO_REPLAY_PROTECTION | NO_CONFIDENTIALITY, WRITE_ONCE | NO_REPLAY_PROTECTION]);
  assert.equal(again.remove(3n), NOT_PERMITTED, "WRITE_ONCE still holds beside the other flags");
});

// Issue 17, S2: psa_its_remove has no INSUFFICIENT_STORAGE in the PSA Storage API; a store filled
// until not even a tombstone fits must still remove, across reboots, and give the space back.
test("ITS: a store full to the last byte still removes every object, across reboots, and the space comes back", () => {
  const its = client();
  const stored: { uid: bigint; size: number }[] = [];
  for (let size = MAX_ASSET_SIZE; size >= 0 && stored.length < NUM_ASSETS; ) {
    const uid = BigInt(1000 + stored.length);
    if (its.set(uid, "x".repeat(size)) === SUCCESS) stored.push({ uid, size });
    else size = size > 32 ? size - 32 : size - 1;
  }
  assert.ok(stored.length < NUM_ASSETS, "the bytes ran out before the object slots");
  assert.equal(its.set(999n, ""), INSUFFICIENT_STORAGE, "not even an empty object (a tombstone's size) fits");
  const [first, ...rest] = stored;
  const rebooted = client(its.flash);
  assert.equal(rebooted.remove(first.uid), SUCCESS);
  assert.equal(rebooted.get(first.uid).status, DOES_NOT_EXIST);
  const again = client(its.flash);
  assert.equal(again.get(first.uid).status, DOES_NOT_EXIST, "the remove holds across a reboot");
  assert.equal(again.set(first.uid, "y".repeat(first.size)), SUCCESS, "its space came back");
  for (const { uid, size } of rest) assert.equal(again.get(uid).data, "x".repeat(size));
  for (const { uid } of stored) assert.equal(again.remove(uid), SUCCESS);
  assert.equal(client(its.flash).set(5n, "x".repeat(MAX_ASSET_SIZE)), SUCCESS);
});

test("ITS: a WRITE_ONCE object can be neither changed nor removed", () => {
  const its = client();
  assert.equal(its.set(7n, "forever", WRITE_ONCE), SUCCESS);
  assert.equal(its.info(7n).flags, WRITE_ONCE);
  assert.equal(its.set(7n, "changed"), NOT_PERMITTED);
  assert.equal(its.remove(7n), NOT_PERMITTED);
  assert.equal(its.get(7n, 0, 7).data, "forever");
});

test("ITS: a request the client library never makes is a PROGRAMMER ERROR, and the store goes on", () => {
  const its = client();
  const { spm, vec } = its.world;
  vec(NS, NS + 0x80, 4); // a 4-byte uid
  assert.equal(spm.psa_call(handle, pack(GET_INFO, 1, 0), NS, 0), PROGRAMMER_ERROR);
  assert.equal(spm.psa_call(handle, pack(99, 1, 0), NS, 0), PROGRAMMER_ERROR);
  assert.equal(its.set(1n, "still serving"), SUCCESS);
});

test("ITS: INSUFFICIENT_STORAGE when the objects or the bytes run out, and what was stored stays", () => {
  const its = client();
  for (let i = 1; i <= NUM_ASSETS; i++) assert.equal(its.set(BigInt(i), `object ${i}`), SUCCESS);
  assert.equal(its.set(100n, "one too many"), INSUFFICIENT_STORAGE);
  assert.equal(its.set(3n, "replacing needs no new slot"), SUCCESS);
  for (let i = 1; i <= NUM_ASSETS; i++) assert.equal(its.remove(BigInt(i)), SUCCESS);
  const big = (c: string) => c.repeat(MAX_ASSET_SIZE);
  let stored = 0;
  for (; stored < NUM_ASSETS; stored++) {
    const status = its.set(BigInt(200 + stored), big(String.fromCharCode(65 + stored)));
    if (status === INSUFFICIENT_STORAGE) break;
    assert.equal(status, SUCCESS);
  }
  assert.ok(stored >= 3 && stored < NUM_ASSETS, `${stored} objects of ${MAX_ASSET_SIZE} bytes fit`);
  for (let i = 0; i < stored; i++) assert.equal(its.get(BigInt(200 + i)).data, big(String.fromCharCode(65 + i)));
});

test("ITS: objects survive a reboot, through as many rewrites as it takes to compact the log several times", () => {
  const first = client();
  assert.equal(first.set(1n, "kept", WRITE_ONCE), SUCCESS);
  for (let i = 0; i < 60; i++) assert.equal(first.set(2n, `version ${i} `.repeat(20)), SUCCESS);
  assert.equal(first.set(3n, "removed"), SUCCESS);
  assert.equal(first.remove(3n), SUCCESS);
  const again = client(first.flash);
  assert.equal(again.get(1n, 0, 4).data, "kept");
  assert.equal(again.info(1n).flags, WRITE_ONCE);
  assert.equal(again.get(2n, 0, "version 59 ".length * 20).data, "version 59 ".repeat(20));
  assert.equal(again.get(3n).status, DOES_NOT_EXIST);
});

test("ITS: objects belong to the client ID that wrote them (NSIDs loaded through NSCE)", () => {
  const its = client();
  assert.equal(its.world.spm.tfm_nsce_init(2), 2);
  const leaveA = its.as(-10, 1);
  assert.equal(its.set(1n, "A's secret"), SUCCESS);
  leaveA();
  const leaveB = its.as(-20, 2);
  assert.equal(its.get(1n).status, DOES_NOT_EXIST, "B cannot read A's object");
  assert.equal(its.info(1n).status, DOES_NOT_EXIST, "nor learn that it exists");
  assert.equal(its.remove(1n), DOES_NOT_EXIST, "nor remove it");
  assert.equal(its.set(1n, "B's own"), SUCCESS, "the same uid is B's own object");
  leaveB();
  its.as(-10, 1);
  assert.equal(its.get(1n, 0, 10).data, "A's secret", "A's object is as A left it");
});

test("ITS: a flash word that will not erase fails the set that needs it (STORAGE_FAILURE), and every object stays as it was, then and after a reboot", () => {
  const size = set.board.peripherals.TFM_PERIPHERAL_ITS_FLASH.size;
  const recordBytes = (length: number) => 20 + ((length + 3) & ~3) + 4;
  for (const [what, stuck] of [
    // The second object's data, as compaction copies it into the second bank.
    ["a record", size / 2 + 16 + recordBytes(100) + 20],
    // The second bank's COMMIT word: every record copied, the bank never committed.
    ["the bank header", size / 2 + 8],
  ] as const) {
    const flash = new FlashModel(size);
    flash.stuckAtZero(stuck);
    const its = client(flash);
    assert.equal(its.set(1n, "1".repeat(100)), SUCCESS);
    assert.equal(its.set(2n, "2".repeat(100)), SUCCESS);
    let status = SUCCESS;
    for (let i = 0; status === SUCCESS && i < 100; i++) status = its.set(3n, `rewrite ${i}`.padEnd(300, "."));
    assert.equal(status, STORAGE_FAILURE, `${what}: compaction fails`);
    const last = its.get(3n).data;
    // Whatever the store accepts after the failure is there after a reboot too.
    const small = its.set(4n, "x");
    for (const w of [its, client(flash)]) {
      assert.equal(w.get(1n).data, "1".repeat(100), `${what}: object 1`);
      assert.equal(w.get(2n).data, "2".repeat(100), `${what}: object 2`);
      assert.equal(w.get(3n).data, last, `${what}: object 3 is its last stored value`);
      assert.equal(w.get(4n).data, small === SUCCESS ? "x" : undefined, `${what}: object 4 (set returned ${small})`);
    }
  }
});

test("ITS: a power cut before any flash write leaves every object old or new, and the store mounts", () => {
  const size = set.board.peripherals.TFM_PERIPHERAL_ITS_FLASH.size;
  const value = (tag: string, n: number) => `${tag}${n}:`.repeat(200).slice(0, 400 + n);
  // Enough rewrites of 400-byte objects to fill a bank and compact into the other.
  const ops: [bigint, string | undefined][] = [[1n, value("a", 0)], [2n, value("b", 0)]];
  for (let i = 1; i <= 8; i++) ops.push([i % 2 ? 1n : 2n, value(i % 2 ? "a" : "b", i)]);
  ops.push([2n, undefined], [3n, value("c", 0)]);
  const apply = (its: ReturnType<typeof client>, [u, v]: [bigint, string | undefined]) =>
    assert.equal(v === undefined ? its.remove(u) : its.set(u, v), SUCCESS);

  // The expected objects before each operation, and the writes the whole sequence makes.
  const states: Map<bigint, string>[] = [new Map()];
  for (const [u, v] of ops) {
    const next = new Map(states.at(-1));
    if (v === undefined) next.delete(u);
    else next.set(u, v);
    states.push(next);
  }
  const whole = client(new FlashModel(size));
  for (const op of ops) apply(whole, op);
  const total = whole.flash.writes;
  assert.equal(whole.flash.read32(size / 2), 0x49545342, "the sequence compacted into the second bank");

  // From the first write on: a cut while the first boot formats the flash counts too.
  for (let cut = 0; cut < total; cut++) {
    const flash = new FlashModel(size);
    flash.cutBefore = cut;
    let j = -1; // the operation the power failed in; -1: the boot's format
    try {
      const its = client(flash);
      for (j = 0; j < ops.length; j++) apply(its, ops[j]);
      assert.fail(`write ${cut} was never reached`);
    } catch (e) {
      if (!(e instanceof PowerCut)) throw e;
    }
    const before = states[Math.max(j, 0)];
    const after = j < 0 ? before : states[j + 1];
    flash.cutBefore = undefined;
    const remounted = client(flash);
    for (const u of [1n, 2n, 3n]) {
      const info = remounted.info(u);
      const seen = info.status === DOES_NOT_EXIST ? undefined : remounted.get(u, 0, info.size).data;
      const ok = seen === before.get(u) || (j >= 0 && u === ops[j][0] && seen === after.get(u));
      assert.ok(ok, `cut before write ${cut} (operation ${j}): uid ${u} is ${JSON.stringify(seen?.slice(0, 12))}`);
    }
    assert.equal(remounted.set(9n, "after the cut"), SUCCESS, `cut before write ${cut}: the store takes writes again`);
    assert.equal(remounted.get(9n, 0, 13).data, "after the cut");
  }
});
