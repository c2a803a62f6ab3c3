import { test, before } from "node:test";
import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { buildWasm, DEFAULT_MANIFEST_LIST, type WasmSet } from "../host/image/build.ts";
import { statelessHandle } from "../host/manifest/codegen.ts";
import { Progress } from "../host/image/progress.ts";
import { BAD_STATE, BUFFER_TOO_SMALL, INSUFFICIENT_MEMORY, INVALID_ARGUMENT, INVALID_HANDLE, INVALID_SIGNATURE, NOT_PERMITTED, NOT_SUPPORTED, NS, PROGRAMMER_ERROR, SUCCESS, loadNsid, nsWorld, pack } from "./support/ns-world.ts";
import { CRYPTO_ENTROPY_WARNING } from "./expected.ts";

// The Crypto partition on the host runner, driven from NS as the client libraries drive it
// (assembly/psa/crypto.ts, boards/armv8m/ns/psa_crypto.c): published vectors, then every error.

const SHA_224 = 0x02000008;
const SHA_256 = 0x02000009;
const SHA_512 = 0x0200000b;
const HMAC = (hash: number) => (0x03800000 | (hash & 0xff)) >>> 0;
const TRUNCATED = (alg: number, length: number) => ((alg & ~0x003f8000) | (length << 16)) >>> 0;
const AT_LEAST = 0x00008000;
const CMAC = 0x03c00200;
const KEY_TYPE_HMAC = 0x1100;
const KEY_TYPE_AES = 0x2400;
const SIGN_MESSAGE = 0x400;
const VERIFY_MESSAGE = 0x800;
const SIGN_HASH = 0x1000;
const [INIT, HASH_COMPUTE, HASH_COMPARE, HASH_SETUP, HASH_UPDATE, HASH_FINISH, HASH_VERIFY, HASH_ABORT] = [2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008];
const HASH_CLONE = 2015;
const [IMPORT_KEY, DESTROY_KEY, GET_KEY_ATTRIBUTES, MAC_COMPUTE, MAC_VERIFY, GENERATE_RANDOM] = [2009, 2010, 2011, 2012, 2013, 2014];
const OPERATIONS = 8;
const KEYS = 8;

let set: WasmSet;
let handle: number;
before(async () => {
  set = await buildWasm({ board: "mps2-an521", backend: "sfn", manifestList: DEFAULT_MANIFEST_LIST, nsContexts: 2, nsManageNsid: true }, new Progress(() => {}));
  handle = statelessHandle(set.partitions.find((p) => p.partition.name === "TFM_SP_CRYPTO")!.partition.services[0]);
});

// NS memory: in-vecs at 0x00, the out-vec at 0x40, the request at 0x80, attributes at 0xa0,
// the input at 0x100 (2 KiB), a second input (an expected hash or MAC) at 0x900, output at 0xa00.
const [IN, SECOND, OUT] = [0x100, 0x900, 0xa00];
const INPUT_MAX = SECOND - IN;
const OUTPUT_MAX = 0x1000 - OUT;

interface Attributes { type: number; bits: number; lifetime: number; id: number; usage: number; alg: number }

function client() {
  const w = nsWorld(set);
  const { map, spm, ns, vec } = w;
  const bytes = (at: number, data: Buffer) => {
    ns.set(data, at);
    return data.length;
  };
  const request = (alg: number, key = 0, op = 0) => {
    map.setU32(NS + 0x80, alg >>> 0);
    map.setU32(NS + 0x84, key >>> 0);
    map.setU32(NS + 0x88, op >>> 0);
    vec(NS, NS + 0x80, 12);
  };
  // in_vec[1] and in_vec[2] as given; out_vec[0] of outSize bytes when given.
  const call = (type: number, inputs: Buffer[], outSize?: number) => {
    inputs.forEach((data, i) => vec(NS + 8 * (i + 1), NS + [IN, SECOND][i], bytes([IN, SECOND][i], data)));
    if (outSize !== undefined) vec(NS + 0x40, NS + OUT, outSize);
    const status = spm.psa_call(handle, pack(type, 1 + inputs.length, outSize === undefined ? 0 : 1), NS, outSize === undefined ? 0 : NS + 0x40);
    const out = outSize === undefined ? Buffer.alloc(0) : Buffer.from(ns.subarray(OUT, OUT + map.u32(NS + 0x44)));
    return { status, out };
  };
  const hex = (r: { status: number; out: Buffer }) => ({ status: r.status, hex: r.out.toString("hex") });
  const self = {
    world: w,
    raw: (type: number, inLen: number, outLen: number) => spm.psa_call(handle, pack(type, inLen, outLen), NS, NS + 0x40),
    init: () => spm.psa_call(handle, pack(INIT, 0, 0), 0, 0),
    hash(alg: number, data: Buffer | string, size = 64) {
      request(alg);
      return hex(call(HASH_COMPUTE, [Buffer.from(data)], size));
    },
    compare(alg: number, data: Buffer | string, digest: Buffer) {
      request(alg);
      return call(HASH_COMPARE, [Buffer.from(data), digest]).status;
    },
    setup(alg: number, op = 0) {
      request(alg, 0, op);
      const r = call(HASH_SETUP, [], 4);
      return { status: r.status, op: r.status === SUCCESS ? r.out.readUInt32LE(0) : 0 };
    },
    update(op: number, data: Buffer | string) {
      request(0, 0, op);
      return call(HASH_UPDATE, [Buffer.from(data)]).status;
    },
    finish(op: number, size = 64) {
      request(0, 0, op);
      return hex(call(HASH_FINISH, [], size));
    },
    verify(op: number, digest: Buffer) {
      request(0, 0, op);
      return call(HASH_VERIFY, [digest]).status;
    },
    abort(op: number) {
      request(0, 0, op);
      return call(HASH_ABORT, []).status;
    },
    /** psa_hash_clone as the client libraries send it: the target's handle is input 1. */
    clone(source: number, target = 0) {
      request(0, 0, source);
      const word = Buffer.alloc(4);
      word.writeUInt32LE(target >>> 0);
      const r = call(HASH_CLONE, [word], 4);
      return { status: r.status, op: r.status === SUCCESS ? r.out.readUInt32LE(0) : 0 };
    },
    /** The whole of data through a multipart operation, in parts of at most `part` bytes. */
    multipart(alg: number, data: Buffer, part: number) {
      const { status, op } = this.setup(alg);
      assert.equal(status, SUCCESS);
      for (let at = 0; at < data.length; at += part) assert.equal(this.update(op, data.subarray(at, at + part)), SUCCESS);
      return this.finish(op);
    },
    importKey(key: Buffer, a: Partial<Attributes> = {}) {
      const attrs = { type: KEY_TYPE_HMAC, bits: 0, lifetime: 0, id: 0, usage: SIGN_MESSAGE | VERIFY_MESSAGE, alg: HMAC(SHA_256), ...a };
      const view = new DataView(ns.buffer, 0xa0, 20);
      view.setUint16(0, attrs.type, true);
      view.setUint16(2, attrs.bits, true);
      [attrs.lifetime, attrs.id, attrs.usage, attrs.alg].forEach((v, i) => view.setUint32(4 + 4 * i, v >>> 0, true));
      vec(NS, NS + 0xa0, 20);
      vec(NS + 8, NS + IN, bytes(IN, key));
      vec(NS + 0x40, NS + OUT, 4);
      const status = spm.psa_call(handle, pack(IMPORT_KEY, 2, 1), NS, NS + 0x40);
      return { status, id: status === SUCCESS ? map.u32(NS + OUT) : 0 };
    },
    destroy(id: number) {
      request(0, id);
      return call(DESTROY_KEY, []).status;
    },
    attributes(id: number): { status: number } & Partial<Attributes> {
      request(0, id);
      const r = call(GET_KEY_ATTRIBUTES, [], 20);
      if (r.status !== SUCCESS) return { status: r.status };
      const o = r.out;
      return { status: r.status, type: o.readUInt16LE(0), bits: o.readUInt16LE(2), lifetime: o.readUInt32LE(4), id: o.readUInt32LE(8), usage: o.readUInt32LE(12), alg: o.readUInt32LE(16) };
    },
    mac(id: number, alg: number, data: Buffer | string, size = 64) {
      request(alg, id);
      return hex(call(MAC_COMPUTE, [Buffer.from(data)], size));
    },
    macVerify(id: number, alg: number, data: Buffer | string, mac: Buffer) {
      request(alg, id);
      return call(MAC_VERIFY, [Buffer.from(data), mac]).status;
    },
    random(size: number) {
      vec(NS + 0x40, NS + OUT, size);
      const status = spm.psa_call(handle, pack(GENERATE_RANDOM, 0, 1), 0, NS + 0x40);
      return { status, out: Buffer.from(ns.subarray(OUT, OUT + map.u32(NS + 0x44))) };
    },
    /** Makes the NS caller the NSCE context with this NSID (the build manages NSIDs). */
    as: (nsid: number, group: number) => loadNsid(spm, nsid, group),
  };
  return self;
}

// FIPS 180-4 examples (NIST's "Cryptographic Algorithm Validation" example values) and CAVP
// SHA256ShortMsg messages.
const M448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
const M896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
const SHA256_VECTORS: [string | Buffer, string][] = [
  ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
  ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
  [M448, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"],
  [M896, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"],
  [Buffer.from("d3", "hex"), "28969cdfa74a12c82f3bad960b0b000aca2ac329deea5c2328ebc6f2ba9802c1"],
  [Buffer.from("11af", "hex"), "5ca7133fa735326081558ac312c620eeca9970d1e70a4b95533d956f072d1f98"],
];
const SHA224_VECTORS: [string, string][] = [
  ["", "d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f"],
  ["abc", "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"],
  [M448, "75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525"],
  [M896, "c97ca9a559850ce97a04a96def6d99a9e0e0e2ab14e6b8df265fc0b3"],
];
const MILLION_A = { [SHA_256]: "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", [SHA_224]: "20794655980c91d8bbb4c1ea97618a4bf03f42581948b2ee4ee7ad67" };

test("Crypto: SHA-256 and SHA-224 match FIPS 180-4 / CAVP vectors, one-shot and multipart", () => {
  const c = client();
  assert.equal(c.init(), SUCCESS);
  for (const [alg, vectors] of [[SHA_256, SHA256_VECTORS], [SHA_224, SHA224_VECTORS]] as const) {
    for (const [message, digest] of vectors) {
      const data = Buffer.from(message);
      assert.deepEqual(c.hash(alg, data), { status: SUCCESS, hex: digest });
      assert.equal(c.compare(alg, data, Buffer.from(digest, "hex")), SUCCESS);
      assert.deepEqual(c.multipart(alg, data, 7), { status: SUCCESS, hex: digest });
      const { op } = c.setup(alg);
      assert.equal(c.update(op, data), SUCCESS);
      assert.equal(c.verify(op, Buffer.from(digest, "hex")), SUCCESS);
    }
    // One million 'a's, in 2 KiB parts (FIPS 180-4's long example).
    assert.deepEqual(c.multipart(alg, Buffer.alloc(1_000_000, "a"), INPUT_MAX), { status: SUCCESS, hex: MILLION_A[alg] });
  }
});

test("Crypto: HMAC-SHA-256 and HMAC-SHA-224 match RFC 4231 test cases 1-7 (case 5 truncated to 128 bits)", () => {
  const c = client();
  const cases: [Buffer, string, Record<number, string>][] = [
    [Buffer.alloc(20, 0x0b), "Hi There", { [SHA_256]: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7", [SHA_224]: "896fb1128abbdf196832107cd49df33f47b4b1169912ba4f53684b22" }],
    [Buffer.from("Jefe"), "what do ya want for nothing?", { [SHA_256]: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", [SHA_224]: "a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44" }],
    [Buffer.alloc(20, 0xaa), "\xdd".repeat(50), { [SHA_256]: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe", [SHA_224]: "7fb3cb3588c6c1f6ffa9694d7d6ad2649365b0c1f65d69d1ec8333ea" }],
    [Buffer.from("0102030405060708090a0b0c0d0e0f10111213141516171819", "hex"), "\xcd".repeat(50), { [SHA_256]: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b", [SHA_224]: "6c11506874013cac6a2abc1bb382627cec6a90d86efc012de7afec5a" }],
    [Buffer.alloc(20, 0x0c), "Test With Truncation", { [SHA_256]: "a3b6167473100ee06e0c796c2955552b", [SHA_224]: "0e2aea68a90c8d37c988bcdb9fca6fa8" }],
    [Buffer.alloc(131, 0xaa), "Test Using Larger Than Block-Size Key - Hash Key First", { [SHA_256]: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54", [SHA_224]: "95e9a0db962095adaebe9b2d6f0dbce2d499f112f2d2b7273fa6870e" }],
    [Buffer.alloc(131, 0xaa), "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.", { [SHA_256]: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2", [SHA_224]: "3a854166ac5d9f023f54d517d0b39dbd946770db9c2b95c9f6f565d1" }],
  ];
  cases.forEach(([key, text, macs], i) => {
    const data = Buffer.from(text, "latin1");
    for (const hash of [SHA_256, SHA_224]) {
      const alg = i === 4 ? TRUNCATED(HMAC(hash), 16) : HMAC(hash);
      const { status, id } = c.importKey(key, { alg });
      assert.equal(status, SUCCESS, `case ${i + 1}: import`);
      assert.deepEqual(c.mac(id, alg, data), { status: SUCCESS, hex: macs[hash] }, `case ${i + 1}`);
      assert.equal(c.macVerify(id, alg, data, Buffer.from(macs[hash], "hex")), SUCCESS);
      const wrong = Buffer.from(macs[hash], "hex");
      wrong[wrong.length - 1] ^= 1;
      assert.equal(c.macVerify(id, alg, data, wrong), INVALID_SIGNATURE);
      assert.equal(c.destroy(id), SUCCESS);
    }
  });
});

test("Crypto: hashes agree with Node's for every length across block and chunk edges, in any split", () => {
  const c = client();
  const data = Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 131 + 7) & 0xff));
  for (let n = 0; n <= 600; n += n < 140 ? 1 : 37) {
    const part = data.subarray(0, n);
    for (const [alg, name] of [[SHA_256, "sha256"], [SHA_224, "sha224"]] as const) {
      const digest = createHash(name).update(part).digest("hex");
      assert.equal(c.hash(alg, part).hex, digest, `${name} of ${n} bytes`);
      assert.equal(c.multipart(alg, part, 1 + (n % 67)).hex, digest, `${name} of ${n} bytes in parts`);
    }
  }
});

test("Crypto: hash errors: unknown or non-hash algorithm, small buffer, wrong hash, state misuse, exhaustion, other clients' operations", () => {
  const c = client();
  assert.equal(c.hash(SHA_512, "abc").status, NOT_SUPPORTED);
  assert.equal(c.hash(HMAC(SHA_256), "abc").status, INVALID_ARGUMENT);
  assert.equal(c.hash(0, "abc").status, INVALID_ARGUMENT);
  assert.equal(c.hash(SHA_256, "abc", 31).status, BUFFER_TOO_SMALL);
  assert.deepEqual(c.hash(SHA_224, "abc", 28).status, SUCCESS);
  const abc = Buffer.from(SHA256_VECTORS[1][1], "hex");
  assert.equal(c.compare(SHA_256, "abd", abc), INVALID_SIGNATURE);
  assert.equal(c.compare(SHA_256, "abc", abc.subarray(0, 31)), INVALID_SIGNATURE);
  assert.equal(c.compare(SHA_512, "abc", abc), NOT_SUPPORTED);
  assert.equal(c.setup(SHA_512).status, NOT_SUPPORTED);
  assert.equal(c.setup(HMAC(SHA_256)).status, INVALID_ARGUMENT);

  // No operation: update, finish and verify are BAD_STATE; abort of an inactive one does nothing.
  assert.equal(c.update(0, "x"), BAD_STATE);
  assert.equal(c.finish(0).status, BAD_STATE);
  assert.equal(c.verify(0, abc), BAD_STATE);
  assert.equal(c.abort(0), SUCCESS);

  // Setup on an operation object that is not inactive.
  const { op } = c.setup(SHA_256);
  assert.equal(c.setup(SHA_256, op).status, BAD_STATE);
  // finish with a small buffer: the operation is in error until aborted.
  assert.equal(c.update(op, "abc"), SUCCESS);
  assert.equal(c.finish(op, 16).status, BUFFER_TOO_SMALL);
  assert.equal(c.update(op, "more"), BAD_STATE);
  assert.equal(c.finish(op).status, BAD_STATE);
  assert.equal(c.abort(op), SUCCESS);
  assert.equal(c.update(op, "x"), BAD_STATE, "an aborted handle is gone");
  // A failed verify leaves it in error too; a finished operation's handle is gone.
  const v = c.setup(SHA_256).op;
  assert.equal(c.verify(v, abc), INVALID_SIGNATURE);
  assert.equal(c.update(v, "x"), BAD_STATE);
  assert.equal(c.abort(v), SUCCESS);
  const f = c.setup(SHA_256).op;
  assert.equal(c.finish(f).status, SUCCESS);
  assert.equal(c.update(f, "x"), BAD_STATE);
  assert.equal(c.abort(f), BAD_STATE, "a handle the client no longer has");
  assert.equal(c.update(0x12345678, "x"), BAD_STATE, "a handle the service never gave");

  // OPERATIONS slots, then INSUFFICIENT_MEMORY; an abort frees one, and the stale handle misses it.
  const ops = Array.from({ length: OPERATIONS }, () => c.setup(SHA_256));
  assert.ok(ops.every((o) => o.status === SUCCESS));
  assert.equal(c.setup(SHA_256).status, INSUFFICIENT_MEMORY);
  assert.equal(c.abort(ops[3].op), SUCCESS);
  const reused = c.setup(SHA_224);
  assert.equal(reused.status, SUCCESS);
  assert.notEqual(reused.op, ops[3].op);
  assert.equal(c.update(ops[3].op, "x"), BAD_STATE);
  for (const o of [...ops, reused]) c.abort(o.op);
});

test("Crypto: keys: attributes checked at import, usage and algorithm policy enforced, destroyed keys gone, slots limited", () => {
  const c = client();
  const key = Buffer.from("a secret key");
  assert.equal(c.importKey(key, { lifetime: 1 }).status, NOT_SUPPORTED, "persistent keys");
  assert.equal(c.importKey(key, { id: 5 }).status, INVALID_ARGUMENT, "a volatile key with an ID");
  assert.equal(c.importKey(key, { type: 0 }).status, INVALID_ARGUMENT);
  assert.equal(c.importKey(key, { type: KEY_TYPE_AES }).status, NOT_SUPPORTED);
  assert.equal(c.importKey(Buffer.alloc(0)).status, INVALID_ARGUMENT);
  assert.equal(c.importKey(key, { bits: 8 }).status, INVALID_ARGUMENT);
  assert.equal(c.importKey(Buffer.alloc(257, 1)).status, NOT_SUPPORTED);

  const { status, id } = c.importKey(key, { usage: SIGN_HASH, alg: HMAC(SHA_256) });
  assert.equal(status, SUCCESS);
  assert.equal(id >>> 24, 0x7f, "a volatile key ID is in the vendor range");
  assert.deepEqual(c.attributes(id), { status: SUCCESS, type: KEY_TYPE_HMAC, bits: key.length * 8, lifetime: 0, id, usage: SIGN_HASH | SIGN_MESSAGE, alg: HMAC(SHA_256) });
  const mac = createHmac("sha256", key).update("data").digest();
  assert.deepEqual(c.mac(id, HMAC(SHA_256), "data"), { status: SUCCESS, hex: mac.toString("hex") });
  assert.equal(c.macVerify(id, HMAC(SHA_256), "data", mac), NOT_PERMITTED, "the key may sign, not verify");
  assert.equal(c.mac(id, HMAC(SHA_224), "data").status, NOT_PERMITTED, "another algorithm than the key's");
  assert.equal(c.mac(id, TRUNCATED(HMAC(SHA_256), 16), "data").status, NOT_PERMITTED, "a truncation the policy does not allow");
  assert.equal(c.mac(id, SHA_256, "data").status, INVALID_ARGUMENT, "not a MAC algorithm");
  assert.equal(c.mac(id, HMAC(SHA_256), "data", 31).status, BUFFER_TOO_SMALL);
  assert.equal(c.destroy(id), SUCCESS);
  assert.equal(c.mac(id, HMAC(SHA_256), "data").status, INVALID_HANDLE);
  assert.equal(c.destroy(id), INVALID_HANDLE);
  assert.equal(c.attributes(id).status, INVALID_HANDLE);
  assert.equal(c.destroy(0), SUCCESS, "destroying PSA_KEY_ID_NULL does nothing");

  const verifier = c.importKey(key, { usage: VERIFY_MESSAGE, alg: TRUNCATED(HMAC(SHA_256), 10) | AT_LEAST }).id;
  assert.equal(c.mac(verifier, HMAC(SHA_256), "data").status, NOT_PERMITTED, "the key may verify, not sign");
  assert.equal(c.macVerify(verifier, HMAC(SHA_256), "data", mac), SUCCESS, "full length is at least 10");
  assert.equal(c.macVerify(verifier, TRUNCATED(HMAC(SHA_256), 12), "data", mac.subarray(0, 12)), SUCCESS);
  assert.equal(c.macVerify(verifier, TRUNCATED(HMAC(SHA_256), 8), "data", mac.subarray(0, 8)), NOT_PERMITTED, "shorter than the policy's 10");
  assert.equal(c.macVerify(verifier, TRUNCATED(HMAC(SHA_256), 12), "data", mac.subarray(0, 11)), INVALID_SIGNATURE);
  assert.equal(c.macVerify(verifier, TRUNCATED(HMAC(SHA_256), 10) | AT_LEAST, "data", mac), INVALID_ARGUMENT, "a wildcard is a policy, not an algorithm");
  const cmac = c.importKey(key, { alg: CMAC }).id;
  assert.equal(c.mac(cmac, CMAC, "data").status, NOT_SUPPORTED);
  const wide = c.importKey(key, { alg: TRUNCATED(HMAC(SHA_256), 40) }).id;
  assert.equal(c.mac(wide, TRUNCATED(HMAC(SHA_256), 40), "data").status, INVALID_ARGUMENT, "longer than the hash");
  const tiny = c.importKey(key, { alg: TRUNCATED(HMAC(SHA_256), 2) }).id;
  assert.equal(c.mac(tiny, TRUNCATED(HMAC(SHA_256), 2), "data").status, NOT_SUPPORTED, "a 2-byte MAC");

  for (const k of [verifier, cmac, wide, tiny]) assert.equal(c.destroy(k), SUCCESS);
  const keys = Array.from({ length: KEYS }, () => c.importKey(key));
  assert.ok(keys.every((k) => k.status === SUCCESS));
  assert.equal(new Set(keys.map((k) => k.id)).size, KEYS);
  assert.equal(c.importKey(key).status, INSUFFICIENT_MEMORY);
  assert.equal(c.destroy(keys[0].id), SUCCESS);
  const again = c.importKey(key);
  assert.equal(again.status, SUCCESS);
  assert.notEqual(again.id, keys[0].id, "a destroyed key's ID is not handed out again at once");
});

test("Crypto: key IDs and hash operations belong to the client ID that made them", () => {
  const c = client();
  const leaveA = c.as(-10, 1);
  const { id } = c.importKey(Buffer.from("A's key"));
  const { op } = c.setup(SHA_256);
  leaveA();
  const leaveB = c.as(-20, 2);
  assert.equal(c.mac(id, HMAC(SHA_256), "data").status, INVALID_HANDLE);
  assert.equal(c.macVerify(id, HMAC(SHA_256), "data", Buffer.alloc(32)), INVALID_HANDLE);
  assert.equal(c.attributes(id).status, INVALID_HANDLE);
  assert.equal(c.destroy(id), INVALID_HANDLE);
  assert.equal(c.update(op, "B's data"), BAD_STATE);
  assert.equal(c.finish(op).status, BAD_STATE);
  assert.equal(c.abort(op), BAD_STATE);
  leaveB();
  c.as(-10, 1);
  assert.equal(c.update(op, "abc"), SUCCESS);
  assert.equal(c.finish(op).hex, SHA256_VECTORS[1][1]);
  assert.equal(c.mac(id, HMAC(SHA_256), "data").hex, createHmac("sha256", "A's key").update("data").digest("hex"));
});

test("Crypto: malformed requests are programmer errors, not answers", () => {
  const c = client();
  assert.equal(c.raw(HASH_COMPUTE, 0, 1), PROGRAMMER_ERROR, "no request vector");
  assert.equal(c.raw(IMPORT_KEY, 0, 1), PROGRAMMER_ERROR, "no attributes");
  assert.equal(c.raw(0x7fff, 0, 0), PROGRAMMER_ERROR, "an unknown call");
  assert.equal(c.hash(SHA_256, "still serving").status, SUCCESS);
});

// SP 800-90A HMAC_DRBG (SHA-256), as a reference: checked against a NIST CAVP vector below, then
// used to predict the partition's output from its published test seed.
function hmacDrbg(seed: Buffer) {
  let K = Buffer.alloc(32, 0);
  let V = Buffer.alloc(32, 1);
  const h = (k: Buffer, ...parts: Buffer[]) => parts.reduce((m, p) => m.update(p), createHmac("sha256", k)).digest();
  const update = (data: Buffer) => {
    K = h(K, V, Buffer.from([0]), data);
    V = h(K, V);
    if (data.length) {
      K = h(K, V, Buffer.from([1]), data);
      V = h(K, V);
    }
  };
  update(seed);
  return (n: number) => {
    const out: Buffer[] = [];
    for (let got = 0; got < n; got += 32) out.push((V = h(K, V)));
    update(Buffer.alloc(0));
    return Buffer.concat(out).subarray(0, n);
  };
}
const TEST_SEED = Buffer.from("bulkhead: FIXED TEST SEED, NOT ENTROPY".repeat(2).slice(0, 48));

test("Crypto: psa_generate_random is SP 800-90A HMAC_DRBG from the fixed test seed, and the partition says so at boot", () => {
  // CAVP HMAC_DRBG.rsp, [SHA-256], no prediction resistance, COUNT = 0: two 1024-bit generates.
  const cavp = hmacDrbg(Buffer.from("ca851911349384bffe89de1cbdc46e6831e44d34a4fb935ee285dd14b71a7488659ba96c601dc69fc902940805ec0ca8", "hex"));
  cavp(128);
  assert.equal(cavp(128).toString("hex"), "e528e9abf2dece54d47c7e75e5fe302149f817ea9fb4bee6f4199697d04d5b89d54fbb978a15b5c443c9ec21036d2460b6f73ebad0dc2aba6e624abf07745bc107694bb7547bb0995f70de25d6b29e2d3011bb19d27676c07162c8b5ccde0668961df86803482cb37ed6d5c0bb8d50cf1f50d476aa0458bdaba806f48be9dcb8");

  const c = client();
  for (const line of CRYPTO_ENTROPY_WARNING) assert.ok(c.world.uart().includes(line + "\n"), line);
  const reference = hmacDrbg(TEST_SEED);
  const first = c.random(16);
  assert.deepEqual(first, { status: SUCCESS, out: reference(16) });
  assert.deepEqual(c.random(0), { status: SUCCESS, out: Buffer.alloc(0) });
  // Longer than one request: served as requests of 256 bytes.
  const long = c.random(OUTPUT_MAX);
  assert.equal(long.status, SUCCESS);
  const expected = Buffer.concat(Array.from({ length: Math.ceil(OUTPUT_MAX / 256) }, (_, i) => reference(Math.min(256, OUTPUT_MAX - 256 * i))));
  assert.ok(long.out.equals(expected));
  assert.deepEqual(client().random(16), first, "a fixed seed gives every boot the same output");
});

// PSA Crypto API 1.1, psa_hash_clone: the source must be active and the target inactive (else
// PSA_ERROR_BAD_STATE); afterwards the two operations are independent.
test("psa_hash_clone copies an operation's state; the source must be active and the target inactive", () => {
  const c = client();
  const sha = (s: string) => createHash("sha256").update(s).digest("hex");
  const { op } = c.setup(SHA_256);
  assert.equal(c.update(op, "common prefix, "), SUCCESS);
  const copy = c.clone(op);
  assert.equal(copy.status, SUCCESS);
  assert.notEqual(copy.op, op);
  assert.equal(c.update(op, "then one"), SUCCESS);
  assert.equal(c.update(copy.op, "then another"), SUCCESS);
  assert.deepEqual(c.finish(op), { status: SUCCESS, hex: sha("common prefix, then one") });
  assert.deepEqual(c.finish(copy.op), { status: SUCCESS, hex: sha("common prefix, then another") });
  assert.equal(c.clone(op).status, BAD_STATE, "the source has finished: inactive");
  const { op: live } = c.setup(SHA_256);
  const { op: other } = c.setup(SHA_256);
  assert.equal(c.clone(live, other).status, BAD_STATE, "the target is active");
  assert.equal(c.clone(0).status, BAD_STATE, "an inactive (zero) source");
  assert.equal(c.finish(c.clone(live).op).hex, sha(""), "a clone of a fresh operation hashes the empty message");
});
