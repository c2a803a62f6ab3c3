import type { WasmSet } from "../image/build.js";
import { PROBE } from "../image/glue.js";
import type { Devices } from "./devices.js";
import type { MemoryMap } from "./memory-map.js";
import type { Mpu } from "./mpu.js";
import { NS_APP_BASE } from "./ns-app.js";

/**
 * The host's stand-in for the secure image layout (linker/secure.ld.in): each module's code and
 * constant data at made-up addresses, its private data where its Wasm memory is mapped, grouped
 * SPM, PSA-RoT, ARoT as the linker groups them. The SPM plans its MPU regions from these words
 * (platform layout()) exactly as on the target.
 */
export interface HostLayout {
  words: number[];
  /** Where module row r (0 the SPM, 1 + p partition p) has its memory. */
  memoryBase: number[];
  /** probe address(pid, asset) (boards/armv8m/secure/probe.c). */
  target(pid: number, asset: number): number;
  gadgets: Set<number>;
}

const CODE_BASE = 0x10000000;
const MEMORY_BASE = 0x30000000;
const WINDOW = 0x10000;
const CODE_BLOCK = 0x100;
const RO_BLOCK = 0x40;
const align32 = (v: number) => (v + 31) & ~31;

// Probe assets and where in a module's blocks their targets sit.
const CODE = 0, RO = 1, RW = 2, STACK = 3, MMIO = 4, MEMORY = 5;
const RW_TARGET = 16;
const STACK_TARGET = 32;
export const NS_PID = -1;
export const SPM_PID = 0;

export function hostLayout(set: WasmSet): HostLayout {
  const parts = set.partitions;
  const order = [0, ...parts.map((_, i) => i).filter((i) => parts[i].partition.type === "PSA-ROT"),
    ...parts.map((_, i) => i).filter((i) => parts[i].partition.type !== "PSA-ROT")].map((i, k) => (k === 0 ? 0 : i + 1));
  const memoryBase: number[] = [];
  order.forEach((row, k) => (memoryBase[row] = MEMORY_BASE + k * WINDOW));
  const rows = parts.length + 1;
  const codeEnd = CODE_BASE + rows * CODE_BLOCK;
  const roBase = codeEnd;
  const roEnd = roBase + rows * RO_BLOCK;
  const words = [CODE_BASE, codeEnd, roBase, roEnd, MEMORY_BASE, MEMORY_BASE + WINDOW,
    ...parts.flatMap((p, i) => [memoryBase[i + 1], memoryBase[i + 1] + align32(p.memorySize)])];
  const ns = set.board.nonSecure;
  const target = (pid: number, asset: number): number => {
    if (pid === NS_PID) return [ns.code.base + PROBE.nsCode, ns.code.base + PROBE.nsConstant, NS_APP_BASE + RW_TARGET, 0, 0, NS_APP_BASE][asset] ?? 0;
    const row = pid === SPM_PID ? 0 : parts.findIndex((p) => p.partition.pid === pid) + 1;
    if (row === 0 && pid !== SPM_PID) return 0;
    const part = row > 0 ? parts[row - 1].partition : undefined;
    switch (asset) {
      case CODE: return CODE_BASE + row * CODE_BLOCK;
      case RO: return roBase + row * RO_BLOCK;
      case RW: return memoryBase[row] + RW_TARGET;
      case STACK: return part && set.backend === "sfn" ? 0 : memoryBase[row] + STACK_TARGET;
      case MMIO: return part ? (part.mmioRegions.length ? part.mmioRegions[0].base! + PROBE.register : 0) : set.board.uart + PROBE.register;
      case MEMORY: return memoryBase[row];
      default: return 0;
    }
  };
  return { words, memoryBase, target, gadgets: new Set(Array.from({ length: rows }, (_, r) => CODE_BASE + r * CODE_BLOCK)) };
}

const MEMMANAGE = 1;
const SECUREFAULT = 4;
const SFSR_INVTRAN = 0x10;

/**
 * A test partition's "probe" imports: raw accesses made by the partition's own code, as native
 * code in a partition could make them, checked by the modelled MPU with the partition's privilege.
 * A refused access is the fault the target raises (fault(kind, address, status) never returns).
 */
export function probeImports(layout: HostLayout, map: MemoryMap, devices: Devices, mpu: Mpu, privileged: boolean,
  fault: (kind: number, address: number, status: number) => never) {
  const check = (addr: number, access: "read" | "write" | "execute") => {
    const refused = mpu.check(addr, 4, access, privileged);
    if (refused) fault(MEMMANAGE, refused.address, refused.status);
  };
  return {
    address: (pid: number, asset: number) => layout.target(pid, asset) >>> 0,
    read32: (addr: number) => {
      check(addr >>> 0, "read");
      return map.find(addr >>> 0, 4) ? map.u32(addr >>> 0) : (devices.read32(addr >>> 0) ?? 0);
    },
    write32: (addr: number) => {
      check(addr >>> 0, "write");
      if (map.find(addr >>> 0, 4)) map.setU32(addr >>> 0, PROBE.pattern);
      else devices.write32(addr >>> 0, PROBE.pattern);
    },
    exec: (addr: number) => {
      check(addr >>> 0, "execute");
      // Secure code branching to non-secure memory without BLXNS: TrustZone refuses it.
      if (!layout.gadgets.has(addr >>> 0)) fault(SECUREFAULT, addr >>> 0, SFSR_INVTRAN);
    },
  };
}
