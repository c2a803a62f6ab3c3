import { dirname, join, relative, resolve } from "node:path";
import { existsSync, readFileSync, statSync } from "node:fs";
import { ROOT } from "../image/wasm.js";
import { InputError, InputErrors } from "./errors.js";
import { manifestListSchema, partitionManifestSchema, u32Value, type ManifestFile, type ManifestListFile } from "./schema.js";
import { checkPartitions } from "./checks.js";
import { validator } from "./validate.js";
import { YamlFile } from "./yaml-file.js";

export interface Service {
  name: string;
  sid: number;
  version: number;
  versionPolicy: "STRICT" | "RELAXED";
  nonSecureClients: boolean;
  connectionBased: boolean;
  /** 1..32 for a stateless service (FF-M 1.1 static handle index), else 0. */
  statelessIndex: number;
  mmIovec: boolean;
  /** Row in the SPM's service table. */
  index: number;
  /** The service's signal bit in its partition (FF-M: bits 4..31; 0..3 are reserved). */
  signal: number;
  /** The partition module's export that serves it under the SFN model (lower-case name + _sfn). */
  sfnExport: string;
  /** Where the manifest declares it, for errors found after loading. */
  at: (string | number)[];
}

export interface Irq {
  name: string;
  source: number | string;
  /** The IRQ number, once the board has resolved a named source (-1 until then). */
  line: number;
  handling: "SLIH" | "FLIH";
  signal: number;
  /** FLIH: the partition module's export the SPM calls when the interrupt fires. */
  flihExport: string;
}

export interface MmioRegion {
  name?: string;
  base?: number;
  size?: number;
  permission: "READ-ONLY" | "READ-WRITE";
}

export const PRIORITIES = ["HIGH", "NORMAL", "LOW", "LOWEST"] as const;

export interface Partition {
  name: string;
  pid: number;
  frameworkVersion: number;
  type: "PSA-ROT" | "APPLICATION-ROT";
  model: "SFN" | "IPC";
  priority: (typeof PRIORITIES)[number];
  entryPoint?: string;
  entryInit?: string;
  stackSize: number;
  heapSize: number;
  bootOrder?: number;
  /** The watchdog budget in ms (0: none): the longest one activation may run (see watchdog.ts). */
  watchdogMs: number;
  /** Restart policy: at most this many restarts after panics (0: a panic is for good). */
  restarts: number;
  services: Service[];
  irqs: Irq[];
  mmioRegions: MmioRegion[];
  /** Service names this partition may call (FF-M dependencies). */
  dependencies: string[];
  manifestPath: string;
  file: YamlFile;
  /** The AssemblyScript entry file: partition.ts beside the manifest. */
  source: string;
  /** Wasm and wasm2c module name: the partition name in lower case. */
  module: string;
  /** Its entry in the manifest list, for errors that belong there (pid, the path). */
  listIndex: number;
  /** The manifest list that entry is in: the build's own, or the one `include` took it from. */
  list: YamlFile;
}

/** Switches a manifest-list `conditional` may name, with their values for this build. */
export type Conditions = Record<string, boolean>;

const readList = validator<ManifestListFile>(manifestListSchema);
const readManifest = validator<ManifestFile>(partitionManifestSchema);

export const DEFAULT_STACK_SIZE = 0x800;
/** A module's memory is one Wasm page; its static data starts at asconfig.json's memoryBase. */
export const WASM_PAGE = 0x10000;
export const PARTITION_DATA_BASE: number = JSON.parse(readFileSync(join(ROOT, "asconfig.json"), "utf8")).options.memoryBase;
const FIRST_SIGNAL_BIT = 4;

export interface ManifestSet {
  partitions: Partition[];
  /** Services of entries whose `conditional` is off: clients still compile against their SIDs. */
  leftOut: Service[];
}

export function loadPartitions(listPath: string, conditions: Conditions = {}): Partition[] {
  return loadManifests(listPath, conditions).partitions;
}

/** Partitions of another manifest list to build with this one (a project's pick of bulkhead's own). */
export interface Include {
  listPath: string;
  /** Partition names (a manifest's `name`), from that list. */
  names: string[];
}

/** The partition name each of a manifest list's entries stands for (undefined: unreadable). */
export function listedNames(listPath: string): (string | undefined)[] {
  return readList(YamlFile.read(listPath)).manifest_list.map((entry) => {
    const path = resolve(dirname(listPath), entry.manifest);
    const name = existsSync(path) ? (YamlFile.read(path).value() as { name?: unknown }).name : undefined;
    return typeof name === "string" ? name : undefined;
  });
}

/**
 * Reads a manifest list and every manifest it names, sets aside entries whose `conditional` is
 * off, and cross-checks the rest; every problem found is reported at once.
 */
export function loadManifests(listPath: string, conditions: Conditions = {}, include?: Include): ManifestSet {
  const own = YamlFile.read(listPath);
  const entries = readList(own).manifest_list.map((entry, i) => ({ entry, i, list: own, listPath }));
  if (include && include.names.length > 0) {
    const other = YamlFile.read(include.listPath);
    const names = listedNames(include.listPath);
    readList(other).manifest_list.forEach((entry, i) => {
      if (include.names.includes(names[i] ?? "")) entries.push({ entry, i, list: other, listPath: include.listPath });
    });
  }
  const errors: InputError[] = [];
  const partitions: Partition[] = [];
  const leftOut: Partition[] = [];
  let serviceIndex = 0;
  const listed = new Map<string, number>();

  entries.forEach(({ entry, i, list, listPath }) => {
    if (entry.conditional !== undefined) {
      if (!(entry.conditional in conditions)) {
        const known = Object.keys(conditions).join(", ") || "none";
        errors.push(list.error(["manifest_list", i, "conditional"], `unknown switch ${entry.conditional}; switches of this build: ${known}`));
        return;
      }
    }
    const enabled = entry.conditional === undefined || conditions[entry.conditional];
    const path = resolve(dirname(listPath), entry.manifest);
    if (!existsSync(path) || !statSync(path).isFile()) {
      errors.push(list.error(["manifest_list", i, "manifest"], existsSync(path) ? `${entry.manifest} is not a file` : `no such file: ${entry.manifest}`));
      return;
    }
    const twice = listed.get(path);
    if (twice !== undefined) {
      errors.push(list.error(["manifest_list", i, "manifest"], `${entry.manifest} is already listed at line ${list.lineOf(["manifest_list", twice, "manifest"])}; a partition is listed once`));
      return;
    }
    listed.set(path, i);
    const file = YamlFile.read(path);
    let m: ManifestFile;
    try {
      m = readManifest(file);
    } catch (e) {
      if (e instanceof InputErrors) return void errors.push(...e.errors);
      throw e;
    }
    const source = join(dirname(path), "partition.ts");
    if (!existsSync(source)) {
      errors.push(file.error(["name"], `partition source missing: expected ${relative(process.cwd(), source)}`));
    }
    const services: Service[] = m.services.map((s, k) => ({
      name: s.name,
      sid: u32Value(s.sid),
      version: s.version ?? 1,
      versionPolicy: s.version_policy ?? "STRICT",
      nonSecureClients: s.non_secure_clients ?? false,
      connectionBased: s.connection_based ?? true,
      statelessIndex: s.stateless_handle === "auto" ? -1 : (s.stateless_handle ?? 0),
      mmIovec: s.mm_iovec === "enable",
      index: enabled ? serviceIndex++ : -1,
      signal: FIRST_SIGNAL_BIT + k,
      sfnExport: `${s.name.toLowerCase()}_sfn`,
      at: ["services", k],
    }));
    const irqs: Irq[] = (m.irqs ?? []).map((q, k) => ({
      name: q.name ?? q.signal ?? `IRQ_${q.source}`,
      flihExport: `${(q.name ?? q.signal ?? `IRQ_${q.source}`).toLowerCase()}_flih`,
      source: q.source,
      line: -1,
      handling: q.handling ?? "SLIH",
      signal: FIRST_SIGNAL_BIT + services.length + k,
    }));
    (enabled ? partitions : leftOut).push({
      name: m.name,
      pid: entry.pid,
      frameworkVersion: m.psa_framework_version,
      type: m.type,
      model: m.model,
      priority: m.priority ?? "NORMAL",
      entryPoint: m.entry_point,
      entryInit: m.entry_init,
      stackSize: m.stack_size === undefined ? DEFAULT_STACK_SIZE : u32Value(m.stack_size),
      heapSize: m.heap_size === undefined ? 0 : u32Value(m.heap_size),
      bootOrder: m["boot-order"],
      watchdogMs: m.watchdog_ms ?? 0,
      restarts: m.restarts ?? 0,
      services,
      irqs,
      mmioRegions: (m.mmio_regions ?? []).map((r) => ({
        name: r.name,
        base: r.base === undefined ? undefined : u32Value(r.base),
        size: r.size === undefined ? undefined : u32Value(r.size),
        permission: r.permission ?? "READ-WRITE",
      })),
      dependencies: m.dependencies ?? [],
      manifestPath: path,
      file,
      source,
      module: m.name.toLowerCase(),
      listIndex: i,
      list,
    });
  });
  if (errors.length > 0) throw new InputErrors(errors);
  checkPartitions(partitions, own);
  return { partitions, leftOut: leftOut.flatMap((p) => p.services.map((s) => ({ ...s, statelessIndex: 0 }))) };
}
