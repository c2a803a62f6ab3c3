import { MemoryMap } from "../../host/runner/memory-map.ts";
import { bootSecureWorld, type SecureWorld } from "../../host/runner/secure-world.ts";
import type { WasmSet } from "../../host/image/build.ts";

/** Where the tests' NS RAM sits, and an address in the secure world. */
export const NS = 0x20000000;
export const SECURE = 0x30000000;
export const PROGRAMMER_ERROR = -129;
export const CONNECTION_REFUSED = -130;

/** TF-M's psa_call control word. */
export const pack = (type: number, inLen: number, outLen: number) => ((type & 0xffff) | (outLen << 16) | (inLen << 24)) >>> 0;

/**
 * A freshly booted secure world on the host runner with 4 KiB of NS RAM, driven as an NS caller
 * would drive the veneers (directly, so a test can be as hostile as it likes). `uart()` is what
 * the secure side printed so far.
 */
export function nsWorld(set: WasmSet) {
  const map = new MemoryMap();
  const ns = new Uint8Array(0x1000);
  map.map({ name: "NS RAM", base: NS, size: ns.length, secure: false, bytes: () => ns });
  let uart = "";
  const secure: SecureWorld = bootSecureWorld(set, map, (b) => (uart += String.fromCharCode(b)), (line) => (uart += line));
  const spm = {
    psa_framework_version: () => secure.ns((s) => s.psa_framework_version()),
    psa_version: (sid: number) => secure.ns((s) => s.psa_version(sid)),
    psa_call: (h: number, ctrl: number, i: number, o: number) => secure.ns((s) => s.psa_call(h, ctrl, i, o)),
  };
  const vec = (at: number, base: number, len: number) => {
    map.setU32(at, base);
    map.setU32(at + 4, len);
  };
  return { map, spm, ns, vec, uart: () => uart };
}
