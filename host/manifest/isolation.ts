import type { Board } from "../board.js";
import type { Backend } from "./codegen.js";
import { type InputError, InputErrors } from "./errors.js";
import type { Partition } from "./load.js";

/** FF-M isolation rules bulkhead knows; I1-I3 always apply. */
export const OPTIONAL_RULES = [4, 5, 6] as const;

/** Raised for a configuration FF-M or this build does not allow, whatever the manifests say. */
export class ConfigError extends Error {}

/** The partitions that run unprivileged: level 2 the ARoT ones, level 3 all (assembly/mpu/plan.ts). */
export const unprivileged = (p: Partition, level: number) => level === 3 || (level === 2 && p.type !== "PSA-ROT");

/**
 * What an isolation level and rule set demand of the backend, the board and the manifests, checked
 * before anything is compiled: FF-M's compatibility table (SFN backend: level 1 only), PXN for
 * I5/I6, MPU-sized peripheral regions, and no FLIH in a partition that runs unprivileged.
 */
export function checkIsolation(partitions: Partition[], board: Board, backend: Backend, level: number, rules: number[]): void {
  if (backend === "sfn" && level > 1) {
    throw new ConfigError(`isolation level ${level} needs the IPC backend: the SFN backend runs every partition in one context (allowed with SFN: 1)`);
  }
  for (const r of rules) {
    if (!(OPTIONAL_RULES as readonly number[]).includes(r)) throw new ConfigError(`isolation rule I${r}: allowed optional rules: ${OPTIONAL_RULES.map((n) => `I${n}`).join(", ")} (I1-I3 always apply)`);
    if ((r === 5 || r === 6) && !board.pxn) {
      throw new ConfigError(`isolation rule I${r} needs the Armv8.1-M PXN attribute (region type A_ROPXN), so that privileged code cannot execute partition code; ${board.name}'s ${board.cpu} is Armv8-M and has none`);
    }
    if (r === 4) {
      throw new ConfigError(`isolation rule I4 keeps each domain's code and constants away from the others, but bulkhead's partitions share one runtime (the PSA call stubs, the thread body, the wasm2c runtime and libc), which the FF-M isolation design marks as unable to comply (SPRTL: X)`);
    }
  }
  const errors: InputError[] = [];
  const owners: { base: number; end: number; who: string }[] = [];
  for (const p of partitions) {
    const e = (path: (string | number)[], detail: string) => errors.push(p.file.error(path, detail));
    p.mmioRegions.forEach((r, k) => {
      const base = r.base!, end = r.base! + r.size!;
      const other = owners.find((o) => base < o.end && o.base < end);
      if (other) e(["mmio_regions", k], `overlaps ${other.who}: FF-M gives every partition exclusive peripheral regions`);
      owners.push({ base, end, who: `${p.name}'s region 0x${base.toString(16)}..0x${end.toString(16)}` });
      if (level >= 2 && unprivileged(p, level) && (base % 32 !== 0 || r.size! % 32 !== 0)) {
        e(["mmio_regions", k], `at isolation level ${level} ${p.name} reaches this region through an MPU region, so base and size must be multiples of 32`);
      }
    });
    if (unprivileged(p, level)) {
      p.irqs.forEach((q, k) => {
        if (q.handling === "FLIH") e(["irqs", k, "handling"], `a FLIH runs in interrupt context, which is privileged; at isolation level ${level} ${p.name} runs unprivileged (allowed: SLIH${level === 2 ? ", or make the partition PSA-ROT" : ""})`);
      });
    }
  }
  if (errors.length > 0) throw new InputErrors(errors);
}
