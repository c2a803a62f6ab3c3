// Issue 19: the SPM core is layered, and imports go only downward. Every module of assembly/spm,
// assembly/mpu and assembly/nsce has a layer here (a new file fails until it is given one); no
// module imports one of a higher layer, and no AssemblyScript module of the tree is in an import
// cycle. ARCHITECTURE.md draws the same layers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { PACKAGE_DIRS, ROOT } from "../host/image/wasm.ts";

const ASSEMBLY = join(ROOT, "assembly");

/** Lowest first. A module may import its own layer and those below. */
const LAYERS: [string, string[]][] = [
  ["hal", ["spm/platform", "spm/platform_sfn", "spm/platform_ipc", "spm/tables", "spm/console", "mpu/regions", "mpu/plan", "mpu/driver", "mpu/tool"]],
  ["state", ["spm/due", "spm/threads", "spm/partitions", "spm/message", "spm/connections", "spm/memory", "spm/watchdog", "spm/verdict"]],
  ["mechanism", ["spm/completion", "spm/mm_iovec", "spm/disconnect", "spm/irq_lines", "spm/backend/ipc", "spm/backend/sfn"]],
  ["teardown", ["spm/panic"]],
  ["seam", ["spm/backend/index", "nsce/contexts"]],
  ["api", ["spm/client_api", "spm/service_api", "spm/thread_api", "spm/irq", "spm/mmio", "spm/log", "spm/boot", "spm/restart", "spm/settle", "nsce/client"]],
  ["exports", ["spm/index"]],
];

function modules(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith(".ts")) out.push(relative(ASSEMBLY, p).replace(/\.ts$/, ""));
    }
  };
  walk(ASSEMBLY);
  return out;
}

/** The modules of the tree a module imports (generated ones, bulkhead/spm_tables and psa_manifest/*, are not in the tree). */
function importsOf(mod: string): string[] {
  const text = readFileSync(join(ASSEMBLY, `${mod}.ts`), "utf8");
  const found: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+"([^"]+)"/gms)) {
    const spec = m[1];
    let target: string | undefined;
    if (spec.startsWith(".")) target = relative(ASSEMBLY, resolve(dirname(join(ASSEMBLY, mod)), spec));
    else if (PACKAGE_DIRS.some((d) => spec.startsWith(`bulkhead/${d}/`))) target = spec.slice("bulkhead/".length);
    if (target === undefined) continue;
    if (existsSync(join(ASSEMBLY, `${target}.ts`))) found.push(target);
    else if (existsSync(join(ASSEMBLY, target, "index.ts"))) found.push(`${target}/index`);
    else assert.fail(`${mod}.ts imports ${spec}, which is not a module of assembly/`);
  }
  return found;
}

const layerOf = new Map(LAYERS.flatMap(([, mods], i) => mods.map((m) => [m, i] as const)));

test("every SPM core module has a layer, and imports only its own layer or lower ones", () => {
  const core = modules().filter((m) => /^(spm|mpu|nsce)\//.test(m));
  assert.deepEqual(core.filter((m) => !layerOf.has(m)), [], "modules without a layer (add them to LAYERS, and to ARCHITECTURE.md)");
  assert.deepEqual([...layerOf.keys()].filter((m) => !core.includes(m)), [], "LAYERS names modules that do not exist");
  const upward = core.flatMap((m) => importsOf(m)
    .filter((to) => layerOf.has(to) && layerOf.get(to)! > layerOf.get(m)!)
    .map((to) => `${m} (${LAYERS[layerOf.get(m)!][0]}) imports ${to} (${LAYERS[layerOf.get(to)!][0]})`));
  assert.deepEqual(upward, []);
});

test("no AssemblyScript module of the tree is in an import cycle", () => {
  const graph = new Map(modules().map((m) => [m, importsOf(m)]));
  // Tarjan's strongly connected components: any with more than one module (or a self-import) is a cycle.
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)!.includes(v)) cycles.push(component.sort());
    }
  };
  for (const m of graph.keys()) if (!index.has(m)) visit(m);
  assert.deepEqual(cycles, []);
});
