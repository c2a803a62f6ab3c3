import type { WasmSet } from "../image/build.js";
import { MemoryMap } from "./memory-map.js";
import { loadNsApp } from "./ns-app.js";
import { SecureTrap, bootSecureWorld } from "./secure-world.js";
import { trapName } from "./wasm-trap.js";
import { EXIT } from "../abi.js";

export interface HostResult {
  exitCode: number;
  /** What the target's UART would print, byte for byte. */
  uart: string;
}

// The exit code the C port reports for an NS trap (boards/armv8m/ns/startup.c).
const NS_TRAP_EXIT = EXIT.NS_TRAP;

/** Runs the image's modules under Node: boot the secure side, then the NS application's main(). */
/** bootArg: the word the NS application's boot_arg() reads (QEMU: bootArg of runQemu). */
export function runHost(set: WasmSet, onUart?: (chunk: string) => void, bootArg = 0): HostResult {
  let uart = "";
  const emit = (s: string) => {
    uart += s;
    onUart?.(s);
  };
  const map = new MemoryMap();
  const putc = (c: number) => emit(String.fromCharCode(c & 0xff));
  const write = (bytes: Uint8Array) => emit(Buffer.from(bytes).toString("latin1"));

  try {
    const world = bootSecureWorld(set, map, putc, emit);
    const app = loadNsApp(set.nsApp.wasm, set.nsApp.memorySize, map, world, write, bootArg);
    try {
      return { exitCode: app.main() >>> 0, uart };
    } catch (e) {
      const name = trapName(e);
      if (name === undefined || e instanceof SecureTrap) throw e;
      emit(`[NS] FATAL Wasm trap: ${name}\n`);
      return { exitCode: NS_TRAP_EXIT, uart };
    }
  } catch (e) {
    if (e instanceof SecureTrap) return { exitCode: e.exitCode, uart };
    throw e;
  }
}
