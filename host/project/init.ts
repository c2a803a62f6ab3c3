/**
 * `bulkhead init [dir]`: a new product's project from one of templates/: its package.json (which
 * depends on bulkhead), bulkhead.json, a manifest list with one partition, an NS application in
 * C, the partition's tests, a README and a .gitignore. Never writes into a folder that has files
 * unless told to (--force), and then only the template's own files.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, join, relative, resolve, sep } from "node:path";
import { ROOT } from "../image/wasm.js";
import { PROJECT_FILE, ProjectError } from "./config.js";

export const TEMPLATES_DIR = join(ROOT, "templates");
/** Shared by every template; `gitignore` is renamed, as npm leaves .gitignore files out of a package. */
const COMMON = "common";

export const TEMPLATES = {
  sfn: "an SFN partition with a stateless service (the default)",
  ipc: "an IPC partition with a connection-based service (its own thread, psa_wait/psa_get/psa_reply)",
  "trusted-services": "the SFN project, with bulkhead's ITS and Crypto partitions called from the NS application",
} as const;
export type TemplateName = keyof typeof TEMPLATES;
/** A template's folder holds what it changes in the one it builds on. */
const LAYERS: Record<TemplateName, string[]> = { sfn: ["sfn"], ipc: ["ipc"], "trusted-services": ["sfn", "trusted-services"] };

export interface InitOptions {
  dir: string;
  template: TemplateName;
  force: boolean;
  /** The dependency on bulkhead written to package.json (an npm spec); by default this copy of bulkhead. */
  bulkheadSpec?: string;
}

const VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;

/**
 * Where the new project gets bulkhead from: a checkout or an unpacked folder by its path; a copy
 * npm installed (npx's cache, a project's node_modules) by version, since that path is npm's.
 */
export function defaultSpec(): string {
  const root = resolve(ROOT);
  return root.split(sep).includes("node_modules") ? `^${VERSION}` : `file:${root}`;
}

/** npm's package name rules: lower case, URL-safe, at most 214 characters. */
function packageName(dir: string): string {
  const name = basename(resolve(dir)).toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[._-]+/, "").slice(0, 214);
  return name || "bulkhead-product";
}

function filesOf(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

/** Writes the project; returns the files written, relative to its folder. */
export function initProject(opts: InitOptions): string[] {
  const dir = resolve(opts.dir);
  if (!(opts.template in TEMPLATES)) {
    throw new ProjectError(`--template ${opts.template}: allowed: ${Object.keys(TEMPLATES).join(", ")}`);
  }
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new ProjectError(`${opts.dir} exists and is not a folder`);
  const present = existsSync(dir) ? readdirSync(dir).filter((e) => e !== ".git") : [];
  if (present.length > 0 && !opts.force) {
    const shown = present.slice(0, 5).join(", ") + (present.length > 5 ? `, … (${present.length} entries)` : "");
    throw new ProjectError(`${opts.dir} is not empty (${shown}); bulkhead init writes into an empty folder, or over the template's files with --force`);
  }
  const name = packageName(dir);
  const fill = (text: string) => text.replaceAll("{{name}}", name).replaceAll("{{template}}", opts.template);
  const files = new Map<string, string>();
  for (const from of [COMMON, ...LAYERS[opts.template]].map((t) => join(TEMPLATES_DIR, t))) {
    for (const f of filesOf(from)) files.set(f === "gitignore" ? ".gitignore" : f, fill(readFileSync(join(from, f), "utf8")));
  }
  const config = JSON.parse(files.get(PROJECT_FILE)!) as { board: string };
  files.set("package.json", JSON.stringify({
    name,
    version: "0.1.0",
    private: true,
    description: `Secure firmware for Armv8-M, built with bulkhead (${opts.template} template)`,
    type: "module",
    scripts: {
      start: "bulkhead run",
      test: "bulkhead test",
      build: "bulkhead build",
      bench: `bulkhead bench --board ${config.board}`,
    },
    dependencies: { bulkhead: opts.bulkheadSpec ?? defaultSpec() },
  }, null, 2) + "\n");
  for (const [f, text] of files) {
    mkdirSync(join(dir, f, ".."), { recursive: true });
    writeFileSync(join(dir, f), text);
  }
  return [...files.keys()].sort();
}
