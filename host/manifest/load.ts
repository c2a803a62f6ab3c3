import { dirname, join, relative, resolve } from "node:path";
import { existsSync } from "node:fs";
import { InputError, InputErrors } from "./errors.js";
import { manifestListSchema, partitionManifestSchema, type ManifestFile, type ManifestListFile } from "./schema.js";
import { validator } from "./validate.js";
import { YamlFile } from "./yaml-file.js";

export interface Service {
  name: string;
  sid: number;
  version: number;
  versionPolicy: "STRICT" | "RELAXED";
  nonSecureClients: boolean;
  /** Row in the SPM's service table; also the index inside the service's stateless handle. */
  index: number;
  /** The partition module's export that serves it (TF-M's SFN naming: lower-case name + _sfn). */
  sfnExport: string;
}

export interface Partition {
  name: string;
  pid: number;
  type: "PSA-ROT" | "APPLICATION-ROT";
  model: "SFN" | "IPC";
  heapSize: number;
  services: Service[];
  manifestPath: string;
  /** The AssemblyScript entry file: partition.ts beside the manifest. */
  source: string;
  /** Wasm and wasm2c module name: the partition name in lower case. */
  module: string;
}

const readList = validator<ManifestListFile>(manifestListSchema);
const readManifest = validator<ManifestFile>(partitionManifestSchema);

/** Reads a manifest list and every manifest it names; every problem found is reported at once. */
export function loadPartitions(listPath: string): Partition[] {
  const list = YamlFile.read(listPath);
  const entries = readList(list).manifest_list;
  const errors: InputError[] = [];
  const partitions: Partition[] = [];
  let serviceIndex = 0;

  entries.forEach((entry, i) => {
    const path = resolve(dirname(listPath), entry.manifest);
    if (!existsSync(path)) {
      errors.push(list.error(["manifest_list", i, "manifest"], `no such file: ${entry.manifest}`));
      return;
    }
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
    const services = m.services.map((s) => ({
      name: s.name,
      sid: typeof s.sid === "string" ? parseInt(s.sid, 16) : s.sid,
      version: s.version ?? 1,
      versionPolicy: s.version_policy ?? "STRICT",
      nonSecureClients: s.non_secure_clients ?? false,
      index: serviceIndex++,
      sfnExport: `${s.name.toLowerCase()}_sfn`,
    }));
    partitions.push({
      name: m.name,
      pid: entry.pid,
      type: m.type,
      model: m.model,
      heapSize: m.heap_size ?? 0,
      services,
      manifestPath: path,
      source,
      module: m.name.toLowerCase(),
    });
    checkUnique(file, partitions, errors);
  });
  if (errors.length > 0) throw new InputErrors(errors);
  if (serviceIndex > 256) {
    throw new InputError(listPath, 1, "manifest_list", `${serviceIndex} services; a stateless handle indexes at most 256`);
  }
  return partitions;
}

/** The newest partition must not reuse a name, pid, service name or SID of an earlier one. */
function checkUnique(file: YamlFile, partitions: Partition[], errors: InputError[]): void {
  const p = partitions[partitions.length - 1];
  for (const q of partitions.slice(0, -1)) {
    if (q.name === p.name) errors.push(file.error(["name"], `partition name ${p.name} is also used by ${q.manifestPath}`));
    if (q.pid === p.pid) errors.push(file.error(["name"], `pid ${p.pid} is also used by ${q.name}`));
  }
  p.services.forEach((s, i) => {
    for (const q of partitions) {
      for (const t of q.services) {
        if (t === s || (q === p && t.index > s.index)) continue;
        if (t.sid === s.sid) {
          errors.push(file.error(["services", i, "sid"], `SID 0x${s.sid.toString(16)} is also used by ${t.name} (${q.name})`));
        }
        if (t.name === s.name) errors.push(file.error(["services", i, "name"], `service name ${s.name} is also used in ${q.name}`));
      }
    }
  });
}
