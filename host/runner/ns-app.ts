import { readFileSync } from "node:fs";
import { MemoryMap, wasmRegion } from "./memory-map.js";
import { PROBE } from "../image/glue.js";
import { psaStatus } from "../psa-status.js";
import { SECURE_FAULT_EXIT, SecureTrap, type SecureWorld } from "./secure-world.js";
import { callPack } from "../abi.js";

export const NS_APP_BASE = 0x20000000;
/** NS stack stand-in: where the NS platform layer puts translated iovec arrays (C: on the stack). */
const NS_SCRATCH_BASE = 0x21000000;
const NS_SCRATCH_SIZE = 64;
/** The start of the secure image, as boards/armv8m/ns/app_imports.c uses it. */
const SECURE_POINTER = 0x10000000;

const { PSA_ERROR_PROGRAMMER_ERROR } = psaStatus;
const PSA_MAX_IOVEC = 4;

/**
 * The NS application module with the imports boards/armv8m/ns/app_imports.c and psa_client.c give
 * it on the target: offsets in its memory become NS addresses after a bounds check, and psa_call
 * reaches the SPM with TF-M's packed control word.
 */
export function loadNsApp(wasm: string, memorySize: number, map: MemoryMap, world: SecureWorld, write: (bytes: Uint8Array) => void, bootArg = 0) {
  let memory: WebAssembly.Memory;
  const scratch = new Uint8Array(NS_SCRATCH_SIZE);
  map.map({ name: "NS scratch", base: NS_SCRATCH_BASE, size: NS_SCRATCH_SIZE, secure: false, bytes: () => scratch });

  const inApp = (offset: number, len: number) => offset >>> 0 <= memorySize && len >>> 0 <= memorySize - (offset >>> 0);
  const psaCall = (handle: number, type: number, inVec: number, inLen: number, outVec: number, outLen: number) => {
    if (type < 0 || type > 0x7fff || inLen >>> 0 > PSA_MAX_IOVEC || outLen >>> 0 > PSA_MAX_IOVEC) return PSA_ERROR_PROGRAMMER_ERROR;
    if (!inApp(inVec, inLen * 8) || !inApp(outVec, outLen * 8)) return PSA_ERROR_PROGRAMMER_ERROR;
    const app = NS_APP_BASE;
    const inAt = NS_SCRATCH_BASE;
    const outAt = NS_SCRATCH_BASE + PSA_MAX_IOVEC * 8;
    for (const [from, to, n] of [[inVec, inAt, inLen], [outVec, outAt, outLen]]) {
      for (let i = 0; i < n; i++) {
        const base = map.u32(app + from + 8 * i);
        const len = map.u32(app + from + 8 * i + 4);
        if (!inApp(base, len)) return PSA_ERROR_PROGRAMMER_ERROR;
        map.setU32(to + 8 * i, app + base);
        map.setU32(to + 8 * i + 4, len);
      }
    }
    const status = world.ns((spm) => spm.psa_call(handle, callPack(type, inLen, outLen), inAt, outAt));
    for (let i = 0; i < outLen; i++) map.setU32(app + outVec + 8 * i + 4, map.u32(outAt + 8 * i + 4));
    return status;
  };

  // The isolation tests' NS probes (boards/armv8m/ns/probe.c): NS code may touch NS memory only;
  // anything else is the SecureFault the secure side halts on (faults.c).
  const nsOnly = (addr: number): number => {
    const region = map.find(addr >>> 0, 4);
    if (region && !region.secure) return addr >>> 0;
    write(Buffer.from(`[SPM] FATAL SecureFault raised by non-secure code: SFAR=0x${(addr >>> 0).toString(16).padStart(8, "0")}\n`, "latin1"));
    throw new SecureTrap("SecureFault", SECURE_FAULT_EXIT);
  };

  const imports = {
    probe: {
      read32: (addr: number) => map.u32(nsOnly(addr)),
      write32: (addr: number) => map.setU32(nsOnly(addr), PROBE.pattern),
      exec: (addr: number) => void nsOnly(addr),
    },
    psa: {
      psa_framework_version: () => world.ns((spm) => spm.psa_framework_version()),
      psa_version: (sid: number) => world.ns((spm) => spm.psa_version(sid)),
      psa_connect: (sid: number, version: number) => world.ns((spm) => spm.psa_connect(sid, version)),
      psa_call: psaCall,
      psa_close: (handle: number) => void world.ns((spm) => spm.psa_close(handle)),
    },
    ns: {
      boot_arg: () => bootArg,
      console_write: (buf: number, len: number) => {
        if (inApp(buf, len)) write(new Uint8Array(memory.buffer, buf, len).slice());
      },
      call_with_secure_pointer: (handle: number) => {
        map.setU32(NS_SCRATCH_BASE, SECURE_POINTER);
        map.setU32(NS_SCRATCH_BASE + 4, 16);
        return world.ns((spm) => spm.psa_call(handle, callPack(0, 1, 0), NS_SCRATCH_BASE, 0));
      },
    },
  };
  const exports = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasm)), imports).exports;
  memory = exports.memory as WebAssembly.Memory;
  map.map(wasmRegion("NS application", NS_APP_BASE, memorySize, false, () => memory));
  return { main: exports.main as () => number };
}
