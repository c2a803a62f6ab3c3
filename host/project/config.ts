/**
 * A user's project: the `bulkhead.json` at its root names the manifest list, the NS application
 * (C sources, or an AssemblyScript app), which of bulkhead's own partitions to build beside the
 * project's, and the default board, backend, isolation level and NSCE options. Flags on the
 * command line override it. Every mistake is reported as `bulkhead.json:line: key: problem`.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { boardNames } from "../board.js";
import type { BuildOptions } from "../image/build.js";
import { DEFAULT_MANIFEST_LIST, MAX_NS_CONTEXTS } from "../image/build.js";
import { InputError, InputErrors } from "../manifest/errors.js";
import { listedNames } from "../manifest/load.js";
import { validator } from "../manifest/validate.js";
import { YamlFile } from "../manifest/yaml-file.js";

export const PROJECT_FILE = "bulkhead.json";

/** A project-level mistake (init into a folder with files, a test file that is not there). */
export class ProjectError extends Error {}

export interface ProjectFile {
  $schema?: string;
  manifests?: string;
  partitions?: string[];
  ns?: { app?: string; sources?: string[]; include?: string[]; defines?: string[] };
  board?: string;
  backend?: "sfn" | "ipc";
  isolation?: 1 | 2 | 3;
  nsce?: { contexts?: number; manageNsid?: boolean };
}

const paths = { type: "array", items: { type: "string", minLength: 1 } } as const;

export const projectSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    $schema: { type: "string" },
    manifests: { type: "string", minLength: 1 },
    partitions: { type: "array", items: { type: "string" }, uniqueItems: true },
    ns: {
      type: "object",
      additionalProperties: false,
      properties: {
        app: { type: "string", minLength: 1 },
        sources: paths,
        include: paths,
        defines: { type: "array", items: { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_]*(=.*)?$", description: "must be NAME or NAME=VALUE" } },
      },
    },
    board: { enum: boardNames() },
    backend: { enum: ["sfn", "ipc"] },
    isolation: { enum: [1, 2, 3] },
    nsce: {
      type: "object",
      additionalProperties: false,
      properties: {
        contexts: { type: "integer", minimum: 0, maximum: MAX_NS_CONTEXTS },
        manageNsid: { type: "boolean" },
      },
    },
  },
} as const;

const readProject = validator<ProjectFile>(projectSchema);

/** What a project's bulkhead.json makes of a build: the options it sets, resolved against its folder. */
export interface Project {
  root: string;
  file: string;
  /** Every build option the file sets; the ones it leaves out are the command's (or the caller's) to give. */
  options: Partial<BuildOptions> & { manifestList: string };
}

/** The project whose bulkhead.json is in dir, or undefined when there is none. */
export function findProject(dir = process.cwd()): Project | undefined {
  const file = join(dir, PROJECT_FILE);
  return existsSync(file) ? loadProject(file) : undefined;
}

export function loadProject(file: string): Project {
  const yaml = YamlFile.read(file);
  const cfg = readProject(yaml);
  const root = resolve(file, "..");
  const errors: InputError[] = [];
  const at = (key: (string | number)[], detail: string) => errors.push(yaml.error(key, detail));
  const mustBe = (key: (string | number)[], p: string, kind: "file" | "folder") => {
    const full = resolve(root, p);
    const ok = existsSync(full) && (kind === "file" ? statSync(full).isFile() : statSync(full).isDirectory());
    if (!ok) at(key, `${existsSync(full) ? `${p} is not a ${kind}` : `no such ${kind}: ${p}`} (paths are relative to ${relative(process.cwd(), root) || "."})`);
    return full;
  };

  const manifestList = mustBe(["manifests"], cfg.manifests ?? "manifest_list.yaml", "file");
  const own = listedNames(DEFAULT_MANIFEST_LIST).filter((n): n is string => n !== undefined);
  (cfg.partitions ?? []).forEach((name, i) => {
    if (!own.includes(name)) at(["partitions", i], `${name} is not one of bulkhead's partitions; this package has: ${own.join(", ")}`);
  });
  const ns = cfg.ns ?? {};
  const nsApp = ns.app === undefined ? undefined : mustBe(["ns", "app"], ns.app, "file");
  if (nsApp && !nsApp.endsWith(".ts")) at(["ns", "app"], `${ns.app}: an NS application module is AssemblyScript (.ts); C sources go in ns.sources`);
  const nsSources = (ns.sources ?? []).map((s, i) => {
    const full = mustBe(["ns", "sources", i], s, "file");
    if (!/\.[cS]$/.test(s)) at(["ns", "sources", i], `${s}: expected a C (.c) or assembly (.S) source`);
    return full;
  });
  const nsIncludes = (ns.include ?? []).map((d, i) => {
    const full = mustBe(["ns", "include", i], d, "folder");
    // The build hashes every file of an include folder; a project root would mean node_modules.
    if (existsSync(full) && readdirSync(full).some((e) => e === "node_modules" || e === "build")) {
      at(["ns", "include", i], `${d} holds node_modules or build/; name the folder your headers are in`);
    }
    return full;
  });
  if (nsSources.length === 0 && (ns.include?.length || ns.defines?.length)) at(["ns"], "include and defines are for ns.sources, which lists no C source");
  if (errors.length > 0) throw new InputErrors(errors);

  return {
    root,
    file,
    options: {
      manifestList,
      ...(cfg.board ? { board: cfg.board } : {}),
      ...(cfg.backend ? { backend: cfg.backend } : {}),
      ...(cfg.isolation ? { isolation: cfg.isolation } : {}),
      include: cfg.partitions ?? [],
      ...(nsApp ? { nsApp } : {}),
      ...(nsSources.length ? { nsSources, nsMainC: !nsApp, nsIncludes, nsDefines: ns.defines ?? [] } : {}),
      ...(cfg.nsce?.contexts !== undefined ? { nsContexts: cfg.nsce.contexts } : {}),
      ...(cfg.nsce?.manageNsid !== undefined ? { nsManageNsid: cfg.nsce.manageNsid } : {}),
    },
  };
}
