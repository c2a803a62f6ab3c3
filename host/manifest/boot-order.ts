import { InputError } from "./errors.js";
import { PRIORITIES, type Partition } from "./load.js";

/**
 * The order partitions initialise in: a partition starts only after every partition whose
 * services it depends on has finished initialising. Among partitions free to start, a lower
 * `boot-order` (OP-TEE's SP manifest property) goes first, then higher priority, then list order.
 * A dependency cycle has no such order and is a build error.
 */
export function bootOrder(partitions: Partition[]): number[] {
  const provider = new Map(partitions.flatMap((p, i) => p.services.map((s) => [s.name, i] as const)));
  const needs = partitions.map((p, i) => new Set(p.dependencies.map((d) => provider.get(d)!).filter((j) => j !== i)));
  const rank = (i: number) => [partitions[i].bootOrder ?? 65536, PRIORITIES.indexOf(partitions[i].priority), i];
  const before = (a: number, b: number) => {
    const [x, y] = [rank(a), rank(b)];
    for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return x[k] - y[k];
    return 0;
  };

  const order: number[] = [];
  const done = new Set<number>();
  while (order.length < partitions.length) {
    const ready = partitions.map((_, i) => i).filter((i) => !done.has(i) && [...needs[i]].every((j) => done.has(j)));
    if (ready.length === 0) {
      const stuck = partitions.filter((_, i) => !done.has(i));
      const p = stuck[0];
      throw new InputError(p.manifestPath, p.file.lineOf(["dependencies"]), "dependencies",
        `dependency cycle among ${stuck.map((q) => q.name).join(", ")}: none of them can finish initialising first`);
    }
    const next = ready.sort(before)[0];
    order.push(next);
    done.add(next);
  }
  return order;
}
