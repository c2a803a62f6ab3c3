import type { WasmSet } from "../image/build.js";
import { MemoryMap } from "./memory-map.js";
import type { FlashModel } from "./devices.js";
import { bootSecureWorld, type SecureWorld } from "./secure-world.js";

/** Where nsWorld's NS RAM sits. */
export const NS = 0x20000000;

/**
 * A freshly booted secure world on the host runner with 4 KiB of NS RAM, driven as an NS caller
 * drives the veneers (directly, so a caller can be as hostile as it likes, or as fast): the tests
 * of the SPM's NS entry and the bench's host figures. `uart()` is what the secure side printed.
 * `flash`: the ITS flash to boot on (a fresh erased one by default).
 */
export function nsWorld(set: WasmSet, flash?: FlashModel) {
  const map = new MemoryMap();
  const ns = new Uint8Array(0x1000);
  map.map({ name: "NS RAM", base: NS, size: ns.length, secure: false, bytes: () => ns });
  let uart = "";
  const secure: SecureWorld = bootSecureWorld(set, map, (b) => (uart += String.fromCharCode(b)), (line) => (uart += line), flash);
  const spm = {
    psa_framework_version: () => secure.ns((s) => s.psa_framework_version()),
    psa_version: (sid: number) => secure.ns((s) => s.psa_version(sid)),
    psa_call: (h: number, ctrl: number, i: number, o: number) => secure.ns((s) => s.psa_call(h, ctrl, i, o)),
    psa_connect: (sid: number, version: number) => secure.ns((s) => (s.psa_connect as (sid: number, v: number) => number)(sid, version)),
    psa_close: (h: number) => secure.ns((s) => (s.psa_close as (h: number) => number)(h)),
    // NSCE, as the NS scheduler's handlers call it.
    tfm_nsce_init: (n: number) => secure.ns((s) => (s.tfm_nsce_init as (n: number) => number)(n)),
    tfm_nsce_acquire_ctx: (gid: number, tid: number) => secure.ns((s) => (s.tfm_nsce_acquire_ctx as (g: number, t: number) => number)(gid, tid)),
    tfm_nsce_release_ctx: (token: number) => secure.ns((s) => (s.tfm_nsce_release_ctx as (t: number) => number)(token)),
    tfm_nsce_load_ctx: (token: number, nsid: number) => secure.ns((s) => (s.tfm_nsce_load_ctx as (t: number, n: number) => number)(token, nsid)),
    tfm_nsce_save_ctx: (token: number) => secure.ns((s) => (s.tfm_nsce_save_ctx as (t: number) => number)(token)),
  };
  /** Writes an iovec { base, len } at NS address `at`. */
  const vec = (at: number, base: number, len: number) => {
    map.setU32(at, base);
    map.setU32(at + 4, len);
  };
  return { map, spm, ns, vec, uart: () => uart };
}
