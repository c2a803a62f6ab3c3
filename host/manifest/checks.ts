import { InputError, InputErrors } from "./errors.js";
import { PARTITION_DATA_BASE, WASM_PAGE, type Partition } from "./load.js";
import type { YamlFile } from "./yaml-file.js";

/** FF-M gives a partition signal bits 4..31: services and IRQs share these 28. */
const MAX_SIGNALS = 28;
/** wasm2c code keeps Wasm locals on the C stack; below this a partition cannot make one PSA call. */
export const MIN_STACK_SIZE = 0x200;
const MAX_STATELESS = 32;
/** The IPC scheduler's ready set is one 32-bit word (assembly/spm/threads.ts). */
const MAX_PARTITIONS = 32;

/**
 * The rules no single manifest's schema can express: uniqueness across partitions, references
 * between them, model rules, resource limits. Assigns automatic stateless handle indexes.
 */
export function checkPartitions(partitions: Partition[], list: YamlFile): void {
  const errors: InputError[] = [];
  const services = partitions.flatMap((p) => p.services.map((s) => ({ p, s })));

  partitions.forEach((p, i) => {
    const e = (path: (string | number)[], detail: string) => errors.push(p.file.error(path, detail));
    for (const q of partitions.slice(0, i)) {
      if (q.name === p.name) e(["name"], `partition name ${p.name} is also used by ${q.manifestPath}`);
      if (q.pid === p.pid) {
        // Reported in the list a user edits: an included partition's pid is not theirs to change.
        const [at, other] = p.list === list ? [p, q] : [q, p];
        const where = other.list === at.list ? `line ${at.list.lineOf(["manifest_list", other.listIndex, "pid"])}` : other.list.path;
        errors.push(at.list.error(["manifest_list", at.listIndex, "pid"], `pid ${at.pid} is also used by ${other.name} (${where})`));
      }
    }
    if (p.model === "IPC" && p.entryPoint === undefined) e(["entry_point"], `an IPC partition needs entry_point: the function its thread runs`);
    if (p.model === "IPC" && p.entryInit !== undefined) e(["entry_init"], `entry_init is for SFN partitions; an IPC partition starts at entry_point`);
    if (p.model === "SFN" && p.entryPoint !== undefined) e(["entry_point"], `an SFN partition has no thread; use entry_init for its initialisation function`);
    if (p.model === "SFN" && p.frameworkVersion < 1.1) e(["model"], `the SFN model needs psa_framework_version 1.1`);
    if (p.stackSize < MIN_STACK_SIZE) e(["stack_size"], `${p.stackSize} bytes is too small; at least ${MIN_STACK_SIZE}`);
    if (p.stackSize % 8 !== 0) e(["stack_size"], `must be a multiple of 8 (AAPCS stack alignment)`);
    if (p.heapSize > WASM_PAGE - PARTITION_DATA_BASE) {
      e(["heap_size"], `0x${p.heapSize.toString(16)} bytes cannot fit: a partition's memory is one 64 KiB Wasm page and its static data starts at ${PARTITION_DATA_BASE}, so heap_size is at most 0x${(WASM_PAGE - PARTITION_DATA_BASE).toString(16)} less the static data`);
    }
    const signals = p.services.length + p.irqs.length;
    if (signals > MAX_SIGNALS) e(["services"], `${p.services.length} services + ${p.irqs.length} irqs need ${signals} signals; a partition has ${MAX_SIGNALS}`);
    p.irqs.forEach((q, k) => {
      p.irqs.slice(0, k).forEach((o) => o.name === q.name && e(["irqs", k, "name"], `signal ${q.name} is used twice in this partition`));
    });
    p.dependencies.forEach((d, k) => {
      if (p.services.some((s) => s.name === d)) e(["dependencies", k], `${d} is ${p.name}'s own service; a partition cannot call itself (its client would wait for itself)`);
      else if (!services.some(({ s }) => s.name === d)) e(["dependencies", k], `no partition of this build provides service ${d}`);
    });
    p.services.forEach((s, k) => {
      if (s.statelessIndex !== 0 && s.connectionBased) {
        e(["services", k, "stateless_handle"], `a stateless handle needs connection_based: false`);
      }
      if (!s.connectionBased && p.frameworkVersion < 1.1) e(["services", k, "connection_based"], `stateless services need psa_framework_version 1.1`);
      if (!s.connectionBased && s.statelessIndex === 0) s.statelessIndex = -1;
      for (const { p: q, s: t } of services) {
        if (t.index >= s.index) continue;
        if (t.sid === s.sid) e(["services", k, "sid"], `SID 0x${s.sid.toString(16)} is also used by ${t.name} (${q.name})`);
        if (t.name === s.name) e(["services", k, "name"], `service name ${s.name} is also used in ${q.name}`);
        if (s.statelessIndex > 0 && t.statelessIndex === s.statelessIndex) {
          e(["services", k, "stateless_handle"], `stateless handle ${s.statelessIndex} is also used by ${t.name} (${q.name})`);
        }
      }
    });
  });

  const taken = new Set(services.map(({ s }) => s.statelessIndex).filter((i) => i > 0));
  for (const { s } of services.filter(({ s }) => s.statelessIndex === -1)) {
    let i = 1;
    while (taken.has(i)) i++;
    if (i > MAX_STATELESS) {
      errors.push(list.error(["manifest_list"], `more than ${MAX_STATELESS} stateless services; FF-M stateless handles index 1..${MAX_STATELESS}`));
      break;
    }
    s.statelessIndex = i;
    taken.add(i);
  }
  if (partitions.length > MAX_PARTITIONS) errors.push(list.error(["manifest_list"], `${partitions.length} partitions; the SPM schedules and isolates at most ${MAX_PARTITIONS}`));
  if (services.length > 256) errors.push(list.error(["manifest_list"], `${services.length} services; the SPM's tables index at most 256`));
  if (errors.length > 0) throw new InputErrors(errors);
}
