import type { WasmSet } from "../image/build.js";
import { MemoryMap } from "./memory-map.js";
import { loadNsApp } from "./ns-app.js";
import { bootSecureWorld } from "./secure-world.js";
import { trapName } from "./wasm-trap.js";

export interface HostResult {
  exitCode: number;
  /** What the target's UART would print, byte for byte. */
  uart: string;
}

// The exit codes the C port reports for a trap (boards/armv8m/secure/startup.c, ns/startup.c).
const SECURE_TRAP_EXIT = 0x7d;
const NS_TRAP_EXIT = 0x7c;

class SecureTrap extends Error {}

/** Runs the image's modules under Node: boot the secure side, then the NS application's main(). */
export function runHost(set: WasmSet, onUart?: (chunk: string) => void): HostResult {
  let uart = "";
  const emit = (s: string) => {
    uart += s;
    onUart?.(s);
  };
  const map = new MemoryMap();
  const putc = (c: number) => emit(String.fromCharCode(c & 0xff));
  const write = (bytes: Uint8Array) => emit(Buffer.from(bytes).toString("latin1"));

  // A trap inside the secure side is the SPM's fault whichever module raised it: report it as the
  // secure image does and stop, before the NS side can see a half-finished call.
  const secure = <T extends unknown[], R>(f: (...a: T) => R) => (...a: T): R => {
    try {
      return f(...a);
    } catch (e) {
      const name = trapName(e);
      if (name === undefined || e instanceof SecureTrap) throw e;
      emit(`[SPM] FATAL Wasm trap in secure code: ${name}\n`);
      throw new SecureTrap(name);
    }
  };

  try {
    const spm = bootSecureWorld(set, map, putc);
    const guarded = {
      ...spm,
      psa_framework_version: secure(() => spm.psa_framework_version()),
      psa_version_ns: secure((sid: number) => spm.psa_version_ns(sid)),
      psa_call_ns: secure((h: number, c: number, i: number, o: number) => spm.psa_call_ns(h, c, i, o)),
    };
    const app = loadNsApp(set.nsApp.wasm, set.nsApp.memorySize, map, guarded, write);
    try {
      return { exitCode: app.main() >>> 0, uart };
    } catch (e) {
      const name = trapName(e);
      if (name === undefined || e instanceof SecureTrap) throw e;
      emit(`[NS] FATAL Wasm trap: ${name}\n`);
      return { exitCode: NS_TRAP_EXIT, uart };
    }
  } catch (e) {
    if (e instanceof SecureTrap) return { exitCode: SECURE_TRAP_EXIT, uart };
    throw e;
  }
}
