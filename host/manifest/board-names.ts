import type { Board } from "../board.js";
import { type InputError, InputErrors } from "./errors.js";
import type { Partition } from "./load.js";

/** What no partition's mmio_regions may name: the images' memory, and the secure System Control Space. */
function forbiddenRanges(board: Board): { name: string; base: number; size: number }[] {
  return [
    { name: "secure code", ...board.secure.code },
    { name: "secure RAM", ...board.secure.ram },
    { name: "NS code", ...board.nonSecure.code },
    { name: "NS RAM", ...board.nonSecure.ram },
    { name: "the System Control Space (SCB, MPU, SAU, NVIC)", base: 0xe0000000, size: 0x100000 },
  ];
}

const hex = (v: number) => `0x${v.toString(16).padStart(8, "0")}`;

/**
 * Resolves what manifests name through the board (TF-M style `source: TFM_TIMER0_IRQ`,
 * `mmio_regions: - name: TFM_PERIPHERAL_TIMER0`) into IRQ lines and address ranges, and checks
 * what depends on the board: IRQ lines it has, one owner per line.
 */
export function resolveBoardNames(partitions: Partition[], board: Board): void {
  const errors: InputError[] = [];
  const owner = new Map<number, string>();
  for (const p of partitions) {
    const e = (path: (string | number)[], detail: string) => errors.push(p.file.error(path, detail));
    if (p.stackSize > board.secure.ram.size) e(["stack_size"], `0x${p.stackSize.toString(16)} bytes is more than ${board.name}'s secure RAM (0x${board.secure.ram.size.toString(16)})`);
    p.irqs.forEach((q, k) => {
      const line = typeof q.source === "number" ? q.source : board.irqNames[q.source];
      if (line === undefined) {
        e(["irqs", k, "source"], `${board.name} has no IRQ named ${q.source}; named sources: ${Object.keys(board.irqNames).join(", ") || "none"} (or give the IRQ number)`);
        return;
      }
      if (line >= board.irqLines) {
        e(["irqs", k, "source"], `IRQ ${line} does not exist on ${board.name}: its lines are 0..${board.irqLines - 1}`);
        return;
      }
      const other = owner.get(line);
      if (other !== undefined) e(["irqs", k, "source"], `IRQ ${line} is already handled by ${other}`);
      owner.set(line, `${p.name} (${q.name})`);
      q.line = line;
    });
    p.mmioRegions.forEach((r, k) => {
      if (r.name !== undefined) {
        const known = board.peripherals[r.name];
        if (known === undefined) {
          e(["mmio_regions", k, "name"], `${board.name} has no peripheral named ${r.name}; named regions: ${Object.keys(board.peripherals).join(", ") || "none"} (or give base and size)`);
          return;
        }
        r.base = known.base;
        r.size = known.size;
      } else if (r.base === undefined || r.size === undefined) {
        e(["mmio_regions", k], `give a peripheral name, or both base and size`);
        return;
      }
      // Partitions reach registers 32 bits at a time; the SPM's range check relies on this.
      if (r.base! % 4 !== 0 || r.size! < 4 || r.size! % 4 !== 0 || r.base! + r.size! > 2 ** 32) {
        e(["mmio_regions", k], `base and size must be multiples of 4, size at least 4, and the region inside the 32-bit address space`);
        return;
      }
      // A "peripheral" over memory would hand the partition the SPM's, another partition's or
      // the NS side's bytes through the MPU.
      for (const f of forbiddenRanges(board)) {
        if (r.base! < f.base + f.size && f.base < r.base! + r.size!) {
          e(["mmio_regions", k], `${hex(r.base!)}..${hex(r.base! + r.size! - 1)} overlaps ${f.name} (${hex(f.base)}..${hex(f.base + f.size - 1)}) on ${board.name}; mmio_regions name device registers only`);
        }
      }
    });
  }
  if (errors.length > 0) throw new InputErrors(errors);
}
