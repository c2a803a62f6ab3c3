import { test } from "node:test";
import { inQemu, onHost } from "./support/tier.ts";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildImage, buildWasm, DEFAULT_MANIFEST_LIST } from "../host/image/build.ts";
import { statelessHandle } from "../host/manifest/codegen.ts";
import { Progress } from "../host/image/progress.ts";
import { ROOT } from "../host/image/wasm.ts";
import { runQemu } from "../host/qemu/run.ts";
import { DEMOS } from "../host/image/demos.ts";
import { CONNECTION_REFUSED, DOES_NOT_EXIST, INVALID_HANDLE, NS, SUCCESS, nsWorld, pack } from "./support/ns-world.ts";
import { CRYPTO_ENTROPY_WARNING } from "./expected.ts";

// ITS and Crypto together: a secure partition as their client, the C client libraries' message
// numbers, and the C demo (published vectors, ITS across a warm reset) in QEMU on both backends.
const [STORE, READ, IMPORT, MAC, HASH, LOG, LOG_OUTSIDE] = [1, 2, 3, 4, 5, 6, 7];
const [ITS_SET, ITS_GET] = [1001, 1002];
const CRYPTO_IMPORT_KEY = 2009;
const HMAC_SHA_256 = 0x03800009;

for (const backend of ["sfn", "ipc"] as const) {
  test(`${backend.toUpperCase()}: a secure partition's ITS objects and keys are its own, apart from NS's of the same uid or ID; its log lines carry its name`, onHost, async () => {
    const manifestList = join(ROOT, "tests", "trusted-services", "manifest_list.yaml");
    // The NS app is not run here (the test is the NS caller); the demo's fits this manifest list.
    const set = await buildWasm({ board: "mps2-an521", backend, manifestList, nsApp: DEMOS["trusted-services"].nsApp }, new Progress(() => {}));
    const handleOf = (name: string) => statelessHandle(set.partitions.find((p) => p.partition.name === name)!.partition.services[0]);
    const [client, its, crypto] = ["TS_SP_CLIENT", "TFM_SP_ITS", "TFM_SP_CRYPTO"].map(handleOf);
    const { map, spm, ns, vec, uart } = nsWorld(set);
    // NS memory: in-vecs at 0x00, out-vec at 0x40, arguments at 0x80, data at 0x100, output at 0x200.
    const partition = (type: number, keyId?: number) => {
      if (keyId !== undefined) {
        map.setU32(NS + 0x80, keyId);
        vec(NS, NS + 0x80, 4);
      }
      vec(NS + 0x40, NS + 0x200, 64);
      const status = spm.psa_call(client, pack(type, keyId === undefined ? 0 : 1, 1), NS, NS + 0x40);
      return { status, out: Buffer.from(ns.subarray(0x200, 0x200 + map.u32(NS + 0x44))) };
    };
    const nsSet = (text: string) => {
      new DataView(ns.buffer).setBigUint64(0x80, 0x42n, true);
      ns.set(Buffer.from(text), 0x100);
      map.setU32(NS + 0x88, 0);
      vec(NS, NS + 0x80, 8);
      vec(NS + 8, NS + 0x100, text.length);
      vec(NS + 16, NS + 0x88, 4);
      return spm.psa_call(its, pack(ITS_SET, 3, 0), NS, 0);
    };
    const nsGet = () => {
      new DataView(ns.buffer).setBigUint64(0x80, 0x42n, true);
      map.setU32(NS + 0x88, 0);
      vec(NS, NS + 0x80, 8);
      vec(NS + 8, NS + 0x88, 4);
      vec(NS + 0x40, NS + 0x200, 11);
      const status = spm.psa_call(its, pack(ITS_GET, 2, 1), NS, NS + 0x40);
      return { status, text: Buffer.from(ns.subarray(0x200, 0x200 + map.u32(NS + 0x44))).toString() };
    };

    assert.equal(partition(READ).status, DOES_NOT_EXIST);
    assert.equal(nsSet("NS's object"), SUCCESS);
    assert.equal(partition(READ).status, DOES_NOT_EXIST, "NS's uid 0x42 is not the partition's");
    assert.equal(partition(STORE).status, SUCCESS);
    assert.deepEqual(partition(READ), { status: SUCCESS, out: Buffer.from("the partition's object") });
    assert.deepEqual(nsGet(), { status: SUCCESS, text: "NS's object" });

    const key = partition(IMPORT);
    assert.equal(key.status, SUCCESS);
    const keyId = key.out.readUInt32LE(0);
    const expected = createHmac("sha256", "the partition's key").update("data").digest();
    assert.deepEqual(partition(MAC, keyId), { status: SUCCESS, out: expected });
    // NS names the partition's key: not its key. The partition names NS's key: not its key either.
    map.setU32(NS + 0x80, HMAC_SHA_256);
    map.setU32(NS + 0x84, keyId);
    map.setU32(NS + 0x88, 0);
    vec(NS, NS + 0x80, 12);
    ns.set(Buffer.from("data"), 0x100);
    vec(NS + 8, NS + 0x100, 4);
    vec(NS + 0x40, NS + 0x200, 32);
    assert.equal(spm.psa_call(crypto, pack(2012, 2, 1), NS, NS + 0x40), INVALID_HANDLE);
    const attributes = Buffer.alloc(20);
    attributes.writeUInt16LE(0x1100, 0);
    attributes.writeUInt32LE(0x400, 12);
    attributes.writeUInt32LE(HMAC_SHA_256, 16);
    ns.set(attributes, 0x80);
    vec(NS, NS + 0x80, 20);
    vec(NS + 8, NS + 0x100, 4);
    vec(NS + 0x40, NS + 0x200, 4);
    assert.equal(spm.psa_call(crypto, pack(CRYPTO_IMPORT_KEY, 2, 1), NS, NS + 0x40), SUCCESS);
    assert.equal(partition(MAC, map.u32(NS + 0x200)).status, INVALID_HANDLE);

    assert.deepEqual(partition(HASH).out.toString("hex"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

    // A partition's log line is marked with its name; a buffer outside its memory panics it.
    assert.equal(partition(LOG).status, SUCCESS);
    assert.match(uart(), /^\[TS_SP_CLIENT\] a line in two parts$/m);
    assert.equal(partition(LOG_OUTSIDE).status, CONNECTION_REFUSED);
    assert.match(uart(), /partition TS_SP_CLIENT \(pid 320\) panicked: bulkhead_log: buffer is NULL or outside the partition's memory/);
    assert.deepEqual(nsGet(), { status: SUCCESS, text: "NS's object" }, "the others serve on");
  });
}

test("the C client libraries use the message numbers the partitions serve", onHost, () => {
  const numbers = (file: string, pattern: RegExp) => Object.fromEntries([...readFileSync(join(ROOT, file), "utf8").matchAll(pattern)].map((m) => [m[1], Number(m[2])]));
  const asSide = /export const (TFM_(?:ITS|CRYPTO)_\w+): i32 = (\d+);/g;
  const cSide = /#define (TFM_(?:ITS|CRYPTO)_\w+) (\d+)/g;
  const its = numbers("assembly/psa/storage_common.ts", asSide);
  const crypto = numbers("assembly/psa/crypto_values.ts", asSide);
  assert.equal(Object.keys(its).length, 4);
  assert.equal(Object.keys(crypto).length, 15);
  assert.deepEqual(numbers("boards/armv8m/ns/psa_its.c", cSide), its);
  assert.deepEqual(numbers("boards/armv8m/ns/psa_crypto.c", cSide), crypto);
});

// The demo's whole output: every vector group passes, the first boot ends in a warm reset, and the
// second boot finds the object ITS kept across it.
const demoUart = (banner: string) => [
  banner, ...CRYPTO_ENTROPY_WARNING,
  "[NS] first boot",
  "[NS] SHA-256, FIPS 180-4 vectors (one-shot, multipart, verify, compare): 5 of 5 ok",
  "[NS] SHA-224, FIPS 180-4 vectors (one-shot, multipart, verify, compare): 5 of 5 ok",
  "[NS] HMAC-SHA-256, RFC 4231 cases 1-7 (compute, verify, reject a wrong MAC): 7 of 7 ok",
  "[NS] HMAC-SHA-224, RFC 4231 cases 1-7 (compute, verify, reject a wrong MAC): 7 of 7 ok",
  "[NS] Crypto errors (unknown algorithm, small buffer, state misuse, key usage, destroyed key): 8 of 8 ok",
  "[NS] Key attributes and psa_hash_clone (id, lifetime, persistent refused, clone, clone into an active target): 6 of 6 ok",
  "[NS] ITS round trip (set, get, get_info, bounds, remove): 6 of 6 ok",
  '[NS] stored "written before the warm reset"; requesting a warm reset (SYSRESETREQ)',
  banner, ...CRYPTO_ENTROPY_WARNING,
  '[NS] after the warm reset, ITS still holds "written before the warm reset"',
  "[NS] Trusted Services demo passed",
  "",
].join("\n");

for (const [backend, isolation, banner] of [
  ["sfn", 1, "[SPM] bulkhead: 3 partition(s), 3 service(s), SFN backend"],
  ["ipc", 2, "[SPM] bulkhead: 4 partition(s), 4 service(s), IPC backend"],
] as const) {
  test(`mps2-an521, ${backend.toUpperCase()}: the C demo passes the hash and HMAC vectors from NS in QEMU, and ITS keeps an object across a warm reset`, inQemu, async () => {
    const image = await buildImage({ board: "mps2-an521", backend, isolation, manifestList: DEFAULT_MANIFEST_LIST, ...DEMOS["trusted-services"] }, new Progress(() => {}));
    const run = await runQemu(image.board, image.secureElf, image.nsElf, { timeoutSeconds: 60 });
    assert.equal(run.uart, demoUart(banner));
    assert.equal(run.exitCode, 0);
  });
}
