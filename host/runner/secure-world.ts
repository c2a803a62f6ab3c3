import { readFileSync } from "node:fs";
import type { WasmSet } from "../image/build.js";
import { MemoryMap, wasmRegion } from "./memory-map.js";

/** Where the host model maps the secure modules' memories: one 64 KiB window each. */
const SECURE_BASE = 0x30000000;
const WINDOW = 0x10000;

/** The SPM's exports (assembly/spm/index.ts). */
export interface SpmExports {
  memory: WebAssembly.Memory;
  spm_set_memory(row: number, base: number, size: number): number;
  spm_boot(): void;
  psa_framework_version(): number;
  psa_version_ns(sid: number): number;
  psa_call_ns(handle: number, ctrl: number, inVec: number, outVec: number): number;
  psa_read(msg: number, idx: number, buffer: number, n: number): number;
  psa_skip(msg: number, idx: number, n: number): number;
  psa_write(msg: number, idx: number, buffer: number, n: number): void;
}

const instantiate = (wasm: string, imports: WebAssembly.Imports) =>
  new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasm)), imports).exports;

/**
 * The secure side on the host: the SPM module and each partition module, one instance each, wired
 * as the C port wires them on the target (platform imports for the SPM, psa imports for partitions).
 */
export function bootSecureWorld(set: WasmSet, map: MemoryMap, putc: (byte: number) => void): SpmExports {
  const sfnTable: ((msg: number) => number)[] = [];
  const platform = {
    putc,
    mem_copy: (dst: number, src: number, len: number) => map.copy(dst >>> 0, src >>> 0, len >>> 0),
    ns_access_ok: (addr: number, len: number, _write: number) => (map.nonSecure(addr >>> 0, len >>> 0) ? 1 : 0),
    sfn_call: (sfn: number, msg: number) => sfnTable[sfn](msg),
  };
  const spm = instantiate(set.spm.wasm, { platform }) as unknown as SpmExports;
  const psa = {
    psa_read: (h: number, i: number, b: number, n: number) => spm.psa_read(h, i, b, n),
    psa_skip: (h: number, i: number, n: number) => spm.psa_skip(h, i, n),
    psa_write: (h: number, i: number, b: number, n: number) => spm.psa_write(h, i, b, n),
  };

  const modules = [{ memorySize: set.spm.memorySize, exports: spm as unknown as WebAssembly.Exports }];
  for (const p of set.partitions) {
    const exports = instantiate(p.wasm, { psa });
    for (const s of p.partition.services) sfnTable[s.index] = exports[s.sfnExport] as (msg: number) => number;
    modules.push({ memorySize: p.memorySize, exports });
  }
  modules.forEach((m, row) => {
    const base = SECURE_BASE + row * WINDOW;
    map.map(wasmRegion(`secure module ${row}`, base, m.memorySize, true, () => m.exports.memory as WebAssembly.Memory));
    spm.spm_set_memory(row, base, m.memorySize);
  });
  spm.spm_boot();
  return spm;
}
