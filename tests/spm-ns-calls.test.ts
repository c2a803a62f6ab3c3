import { test, before } from "node:test";
import assert from "node:assert/strict";
import { buildWasm, DEFAULT_MANIFEST_LIST, type WasmSet } from "../host/image/build.ts";
import { Progress } from "../host/image/progress.ts";
import { NS, PROGRAMMER_ERROR, SECURE, nsWorld, pack } from "./support/ns-world.ts";

// The SPM module's NS entry points driven directly, as a hostile or buggy NS caller would: every
// misuse must come back as PSA_ERROR_PROGRAMMER_ERROR, never as a read of secure memory.
const ECHO_SID = 0xf100;
const ECHO_HANDLE = 0x40000101;

for (const backend of ["sfn", "ipc"] as const) {
let set: WasmSet;
before(async () => {
  set = await buildWasm({ board: "mps2-an505", backend, manifestList: DEFAULT_MANIFEST_LIST }, new Progress(() => {}));
});

const world = () => nsWorld(set);

/** A well-formed echo call from NS: input at 0x100, output at 0x200 with `room` bytes. */
function echoCall({ map, spm, ns, vec }: ReturnType<typeof world>, input: string, room: number) {
  ns.set(Buffer.from(input), 0x100);
  vec(NS + 0x10, NS + 0x100, input.length);
  vec(NS + 0x20, NS + 0x200, room);
  const status = spm.psa_call(ECHO_HANDLE, pack(0, 1, 1), NS + 0x10, NS + 0x20);
  const written = map.u32(NS + 0x24);
  return { status, written, reply: Buffer.from(ns.subarray(0x200, 0x200 + written)).toString() };
}

test(`${backend}: psa_framework_version and psa_version answer NS callers`, () => {
  const { spm } = world();
  assert.equal(spm.psa_framework_version(), 0x0101);
  assert.equal(spm.psa_version(ECHO_SID), 1);
  assert.equal(spm.psa_version(0x1234), 0);
});

test(`${backend}: a stateless call moves the input in and the output back, and reports the bytes written`, () => {
  assert.deepEqual(echoCall(world(), "abc", 8), { status: 0, written: 3, reply: "ABC" });
});

test(`${backend}: an output vector too small for the reply gets what fits`, () => {
  const w = world();
  assert.deepEqual(echoCall(w, "abcdef", 2), { status: 0, written: 2, reply: "AB" });
  assert.equal(w.ns[0x202], 0, "nothing written past the output vector");
});

const misuse: [string, (w: ReturnType<typeof world>) => number][] = [
  ["a handle the build never issued", ({ spm }) => spm.psa_call(0x12345, pack(0, 0, 0), 0, 0)],
  ["a stateless handle with an unknown service index", ({ spm }) => spm.psa_call(0x40000105, pack(0, 0, 0), 0, 0)],
  ["a stateless handle with the wrong version (STRICT policy)", ({ spm }) => spm.psa_call(0x40000201, pack(0, 0, 0), 0, 0)],
  ["the null handle", ({ spm }) => spm.psa_call(0, pack(0, 0, 0), 0, 0)],
  ["a negative message type", ({ spm }) => spm.psa_call(ECHO_HANDLE, pack(-1, 0, 0), 0, 0)],
  ["more than four iovecs", ({ spm }) => spm.psa_call(ECHO_HANDLE, pack(0, 3, 2), NS, NS + 0x40)],
  ["an invec array in secure memory", ({ spm }) => spm.psa_call(ECHO_HANDLE, pack(0, 1, 0), SECURE, 0)],
  ["an invec array that runs off the end of NS memory", ({ spm }) => spm.psa_call(ECHO_HANDLE, pack(0, 2, 0), NS + 0xff8, 0)],
  ["an invec naming secure memory", ({ spm, vec }) => (vec(NS, SECURE + 0x400, 16), spm.psa_call(ECHO_HANDLE, pack(0, 1, 0), NS, 0))],
  ["an outvec naming secure memory", ({ spm, vec }) => (vec(NS, SECURE + 0x400, 16), spm.psa_call(ECHO_HANDLE, pack(0, 0, 1), 0, NS))],
  // The SAU and IDAU exempt the System Control Space; the target's TT check passes it (issue 17, S1;
  // tests/ns-pointers.test.ts has the QEMU half on every board).
  ["an outvec on the secure MPU_CTRL register", ({ spm, vec }) => (vec(NS, 0xe000ed94, 4), spm.psa_call(ECHO_HANDLE, pack(0, 0, 1), 0, NS))],
  ["an invec in the vendor system area", ({ spm, vec }) => (vec(NS, 0xf0000000, 4), spm.psa_call(ECHO_HANDLE, pack(0, 1, 0), NS, 0))],
  ["an invec array in the System Control Space", ({ spm }) => spm.psa_call(ECHO_HANDLE, pack(0, 1, 0), 0xe000ed00, 0)],
  ["an invec whose length wraps the address space", ({ spm, vec }) => (vec(NS, NS + 0x100, 0xffffff00), spm.psa_call(ECHO_HANDLE, pack(0, 1, 0), NS, 0))],
];

for (const [what, call] of misuse) {
  test(`${backend}: NS misuse is a PROGRAMMER ERROR status, and the SPM goes on serving: ${what}`, () => {
    const w = world();
    assert.equal(call(w), PROGRAMMER_ERROR);
    assert.deepEqual(echoCall(w, "ok", 2), { status: 0, written: 2, reply: "OK" });
  });
}
}
