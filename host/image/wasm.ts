import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { existsSync, mkdirSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync } from "node:fs";
import { BUILD_DIR, cached, hashOf, isBeingWritten, writeAtomic } from "./cache.js";
import { run, ToolError } from "./exec.js";
import { ACCESSOR_REWRITE_ID, fixedMemoryAccessors } from "./wasm2c-memory.js";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BOUNDED_RUNTIME = join(ROOT, "assembly", "lib", "rt", "bounded.ts");
const HEAP_SIZE_IMPORT = 'import { HEAP_SIZE } from "bulkhead_heap/size";';
const RUNTIME_INDEX = "rt/index-stub.ts";
const STUB_INDEX = join(createRequire(import.meta.url).resolve("assemblyscript/package.json"), "..", "std", "assembly", RUNTIME_INDEX);
const DATA_END_EXPORT = "__bulkhead_data_end";
export const ASC_VERSION = (createRequire(import.meta.url)("assemblyscript/package.json") as { version: string }).version;

/** Every .ts file below the given roots, sorted, so a module's cache key covers all it may import. */
function sourcesBelow(roots: string[]): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d).sort().filter((n) => !isBeingWritten(n))) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith(".ts")) out.push(p);
    }
  };
  roots.forEach(walk);
  return out;
}

export interface WasmModule {
  /** Module name: wasm2c prefix and file stem. */
  name: string;
  wasm: string;
  hit: boolean;
}

/**
 * AssemblyScript → .wasm with asconfig.json's bare-metal settings: stub runtime (no GC), aborts
 * become traps, one fixed page of memory that never grows, static data from 1024 (see
 * PSA_MSG_SLOT). Generated headers (psa_manifest/…, bulkhead/…) resolve through --path, like
 * TF-M's generated include directories.
 */
export async function compileAs(name: string, source: string, roots: string[], generated: string, generatedDirs: string[], heapSize?: number): Promise<WasmModule> {
  const entry = join(generated, "entries", `${name}.ts`);
  writeAtomic(
    entry,
    `export * from "${relative(dirname(entry), source).replace(/\.ts$/, "")}";\n` +
      `// Where the module's static data ends and its heap begins: the build sizes its memory from it.\n` +
      `export const ${DATA_END_EXPORT}: usize = __heap_base;\n`,
  );
  // The generated headers this module may import and its own entry; not other modules' entries,
  // and generated files by their path inside the generated tree, so two configurations that
  // generate the same headers share the .wasm.
  const sources = sourcesBelow(roots);
  const generatedSources = [...sourcesBelow(generatedDirs.map((d) => join(generated, d))), entry];
  const config = join(ROOT, "asconfig.json");
  const flags = ["--config", config];
  // A partition (heapSize given) gets the runtime that bounds its heap to its manifest's heap_size.
  // It stands in for the stub runtime's index through --lib, so asc still compiles for the stub
  // (asc gives a custom --runtime a shadow stack, for a collector this runtime does not have).
  // asc keeps its library in module state, so every other module installs the stub's own index
  // the same way: a partition's never reaches the next module compiled in this process.
  let runtime = readFileSync(STUB_INDEX, "utf8");
  if (heapSize !== undefined) {
    runtime = readFileSync(BOUNDED_RUNTIME, "utf8").replace(HEAP_SIZE_IMPORT, `const HEAP_SIZE: usize = ${heapSize};`);
    if (!runtime.includes(`HEAP_SIZE: usize = ${heapSize}`)) throw new Error(`${BOUNDED_RUNTIME} must import HEAP_SIZE as: ${HEAP_SIZE_IMPORT}`);
  }
  const lib = join(BUILD_DIR, "runtime", hashOf("runtime", runtime));
  writeAtomic(join(lib, RUNTIME_INDEX), runtime);
  flags.push("--lib", lib);
  generatedSources.push(join(lib, RUNTIME_INDEX));
  // How asc is run is part of what it makes: the options other than paths are in the key.
  const key = hashOf(ASC_VERSION, name, relative(ROOT, source), readFileSync(config), ...flags.filter((f) => !isAbsolute(f)),
    ...sources.flatMap((s) => [relative(ROOT, s), readFileSync(s)]),
    ...generatedSources.flatMap((s) => [relative(generated, s), readFileSync(s)]));
  const { dir, hit } = await cached("wasm", key, async (out) => {
    const asc = await import("assemblyscript/asc");
    let log = "";
    const sink = { write: (s: string | Uint8Array) => ((log += String(s)), true) };
    const argv = [entry, ...flags, "--path", generated, "--path", packages(), "-o", join(out, `${name}.wasm`)];
    // asc lists a --lib folder flat; the stand-in index sits where the stub's does, in rt/.
    const listFiles = (dir: string, base: string) => (resolve(base, dir) === lib ? [RUNTIME_INDEX] : []);
    const { error } = await asc.main(argv, { stdout: sink, stderr: sink, listFiles } as never);
    if (error) throw new ToolError(`asc failed for ${relative(process.cwd(), source)}:\n${log}${missingModuleHint(log)}`);
  });
  return { name, wasm: join(dir, `${name}.wasm`), hit };
}

// What partitions and NS applications import bulkhead's AssemblyScript by: the package paths
// bulkhead/psa/*, bulkhead/lib/*, bulkhead/ns/*, bulkhead/nsce/* (a user's code outside this tree
// imports the same; one path per file, or asc sees two modules).
export const PACKAGE_DIRS = ["psa", "lib", "ns", "nsce"];

// An import of bulkhead/<dir>/<module> that does not exist: say which modules there are.
function missingModuleHint(log: string): string {
  const m = /~lib\/bulkhead\/(\w+)\/([\w/]+)\.ts/.exec(log);
  if (!m || !PACKAGE_DIRS.includes(m[1]) || existsSync(join(ROOT, "assembly", m[1], `${m[2]}.ts`))) return "";
  const have = readdirSync(join(ROOT, "assembly", m[1])).filter((f) => f.endsWith(".ts")).map((f) => `bulkhead/${m[1]}/${f.slice(0, -3)}`);
  return `\nbulkhead/${m[1]}/${m[2]} does not exist; the modules there are: ${have.join(", ")}\n`;
}

function linkTarget(link: string): string | undefined {
  try {
    return readlinkSync(link);
  } catch {
    return undefined;
  }
}

function packages(): string {
  const dir = join(BUILD_DIR, "packages");
  for (const d of PACKAGE_DIRS) {
    const link = join(dir, "bulkhead", d);
    const target = join(ROOT, "assembly", d);
    if (linkTarget(link) === target) continue;
    // A link from another copy of bulkhead (a project's earlier install) is replaced.
    if (linkTarget(link) !== undefined) rmSync(link, { force: true });
    mkdirSync(dirname(link), { recursive: true });
    try {
      symlinkSync(target, link, "dir");
    } catch (e) {
      // A parallel build made it first.
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
  return dir;
}

/**
 * wasm2c with the module's own name as prefix, so every module's symbols are distinct; then its
 * memory accessors rewritten for a static memory of constant size (wasm2c-memory.ts).
 */
export async function wasmToC(mod: WasmModule): Promise<{ dir: string; hit: boolean }> {
  const key = hashOf("wasm2c", ACCESSOR_REWRITE_ID, mod.name, readFileSync(mod.wasm));
  return cached("c", key, async (out) => {
    const c = join(out, `${mod.name}.c`);
    await run("wasm2c", ["-n", mod.name, mod.wasm, "-o", c]);
    writeFileSync(c, fixedMemoryAccessors(readFileSync(c, "utf8"), c));
  });
}

/** End of the module's static data (AS's __heap_base, exported by the generated entry). */
export function dataEnd(wasm: string): number {
  const module = new WebAssembly.Module(readFileSync(wasm));
  const imports: Record<string, Record<string, () => never>> = {};
  for (const i of WebAssembly.Module.imports(module)) {
    (imports[i.module] ??= {})[i.name] = () => {
      throw new Error(`${wasm}: start code called import ${i.module}.${i.name}`);
    };
  }
  const g = new WebAssembly.Instance(module, imports).exports[DATA_END_EXPORT] as WebAssembly.Global;
  return Number(g.value);
}

/** wasm2c's name mangling (wabt 1.0.32): Z escapes itself, other non-identifier bytes as Z<hex>. */
export function mangle(name: string): string {
  return [...name].map((c) => (c === "Z" ? "ZZ" : /[A-Za-z0-9_]/.test(c) ? c : `Z${c.charCodeAt(0).toString(16).toUpperCase()}`)).join("");
}

export function exportsOf(wasm: string): string[] {
  return WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(wasm))).map((e) => e.name);
}

/** A reader over a Wasm binary: LEB128 numbers, names, and a walk over its sections. */
function wasmReader(bytes: Uint8Array) {
  let at = 8;
  const r = {
    byte: () => bytes[at++],
    leb: () => {
      let v = 0;
      for (let shift = 0; ; shift += 7) {
        const b = bytes[at++];
        v += (b & 0x7f) * 2 ** shift;
        if (b < 0x80) return v;
      }
    },
    name: () => {
      const n = r.leb();
      at += n;
      return Buffer.from(bytes.subarray(at - n, at)).toString("utf8");
    },
    limits: () => (r.byte() & 1 ? [r.leb(), r.leb()] : [r.leb()]),
    /** Calls visit(id) with the reader at each section's contents, in order. */
    sections: (visit: (id: number) => void) => {
      while (at < bytes.length) {
        const id = bytes[at++];
        const end = r.leb() + at;
        visit(id);
        at = end;
      }
    },
  };
  return r;
}

/** Elements a module's function tables start with (the table section's minimums), 0 without one. */
export function tableSize(wasm: string): number {
  const r = wasmReader(readFileSync(wasm));
  let total = 0;
  r.sections((id) => {
    if (id !== 4) return;
    for (let n = r.leb(); n > 0; n--) {
      r.byte(); // reftype
      total += r.limits()[0];
    }
  });
  return total;
}

/** A module's exported functions with their parameter and result counts, in export order. */
export function functionExports(wasm: string): { name: string; params: number; results: number }[] {
  const r = wasmReader(readFileSync(wasm));
  const types: { params: number; results: number }[] = [];
  const functions: number[] = []; // type index of each function, imported ones first
  const exports: { name: string; params: number; results: number }[] = [];
  const valtypes = () => {
    const n = r.leb();
    for (let i = 0; i < n; i++) r.byte();
    return n;
  };
  r.sections((id) => {
    if (id === 1) {
      for (let n = r.leb(); n > 0; n--) {
        r.byte(); // 0x60: func
        types.push({ params: valtypes(), results: valtypes() });
      }
    } else if (id === 2) {
      for (let n = r.leb(); n > 0; n--) {
        r.name();
        r.name();
        const kind = r.byte();
        if (kind === 0) functions.push(r.leb());
        else if (kind === 1) (r.byte(), r.limits());
        else if (kind === 2) r.limits();
        else (r.byte(), r.byte());
      }
    } else if (id === 3) {
      for (let n = r.leb(); n > 0; n--) functions.push(r.leb());
    } else if (id === 7) {
      for (let n = r.leb(); n > 0; n--) {
        const name = r.name();
        const kind = r.byte();
        const index = r.leb();
        if (kind === 0) exports.push({ name, ...types[functions[index]] });
      }
    }
  });
  return exports;
}
