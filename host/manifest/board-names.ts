import type { Board } from "../board.js";
import { type InputError, InputErrors } from "./errors.js";
import type { Partition } from "./load.js";

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
      }
    });
  }
  if (errors.length > 0) throw new InputErrors(errors);
}
