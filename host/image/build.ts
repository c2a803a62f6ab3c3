import { mkdirSync, readFileSync, readdirSync, renameSync } from "node:fs";
import { join, relative } from "node:path";
import { loadBoard, type Board } from "../board.js";
import { loadPartitions, type Partition } from "../manifest/load.js";
import { sidH, sidTs, spmTables } from "../manifest/codegen.js";
import { InputError } from "../manifest/errors.js";
import { BUILD_DIR, hashOf, writeAtomic } from "./cache.js";
import { run } from "./exec.js";
import { GCC, compileC, cpuFlags, wasmRtIncludeDir } from "./gcc.js";
import { boardConfigH, moduleWrapper, nsModulesC, secureModulesC, type CModule } from "./glue.js";
import { nsLinkerScript, secureLinkerScript } from "./linker-script.js";
import { Progress } from "./progress.js";
import { ROOT, compileAs, dataEnd, exportsOf, wasmToC, type WasmModule } from "./wasm.js";

export interface BuildOptions {
  board: string;
  backend: "sfn";
  manifestList: string;
}

export const DEFAULT_MANIFEST_LIST = join(ROOT, "assembly", "partitions", "manifest_list.yaml");

/** What the host runner needs: the same .wasm files the target image was made from. */
export interface WasmSet {
  spm: WasmModule & { memorySize: number };
  partitions: (WasmModule & { memorySize: number; partition: Partition })[];
  nsApp: WasmModule & { memorySize: number };
  /** Generated AS/C headers (psa_manifest/…, bulkhead/…) these modules were compiled with. */
  generatedDir: string;
}

export interface Image extends WasmSet {
  board: Board;
  outDir: string;
  secureElf: string;
  nsElf: string;
  secureMap: string;
  size: string;
}

const PORT = join(ROOT, "boards", "armv8m");
const WASM_PAGE = 0x10000;
const align32 = (v: number) => (v + 31) & ~31;

/**
 * Bytes of linear memory a module gets on the target: its static data (from 1024) plus the heap
 * its manifest asks for. Never below 1024, which the SPM relies on for the psa_msg_t slot. Accesses past that trap; the SPM and partitions never grow memory.
 * The host runner cannot shrink a Wasm page, so there an access between the budget and 64 KiB
 * succeeds; the SPM's own checks (partitionAddress) use the budget on both.
 */
function memoryBudget(wasm: string, heap: number): number {
  return Math.min(WASM_PAGE, align32(Math.max(dataEnd(wasm), 1024) + heap));
}

function writeGenerated(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) writeAtomic(join(dir, name), text);
}

/** Manifests → generated AS headers → one .wasm per module. Needs no cross toolchain. */
export async function buildWasm(opts: BuildOptions, progress = new Progress()): Promise<WasmSet> {
  const partitions = loadPartitions(opts.manifestList);
  for (const p of partitions) {
    if (p.model !== "SFN") {
      throw new InputError(p.manifestPath, 1, "model", `${p.name} is an IPC partition; the ${opts.backend.toUpperCase()} backend runs SFN partitions only (allowed: SFN)`);
    }
  }
  const files = { "bulkhead/spm_tables.ts": spmTables(partitions), "psa_manifest/sid.ts": sidTs(partitions), "psa_manifest/sid.h": sidH(partitions) };
  const gen = join(BUILD_DIR, "gen", hashOf(...Object.entries(files).flat()));
  writeGenerated(gen, files);

  const asm = join(ROOT, "assembly");
  const spm = await progress.step("asc", "spm.wasm", () => compileAs("spm", join(asm, "spm", "index.ts"), [join(asm, "psa"), join(asm, "spm")], gen));
  const parts = [];
  for (const p of partitions) {
    const m = await progress.step("asc", `${p.module}.wasm`, () => compileAs(p.module, p.source, [join(asm, "psa"), join(p.source, "..")], gen));
    const missing = p.services.filter((s) => !exportsOf(m.wasm).includes(s.sfnExport));
    if (missing.length > 0) {
      throw new InputError(p.manifestPath, 1, "services", `${relative(ROOT, p.source)} must export ${missing.map((s) => `${s.sfnExport}(msg: psa_msg_t): psa_status_t`).join(", ")}`);
    }
    parts.push({ ...m, partition: p, memorySize: memoryBudget(m.wasm, p.heapSize) });
  }
  const nsApp = await progress.step("asc", "nsapp.wasm", () => compileAs("nsapp", join(asm, "ns", "app.ts"), [join(asm, "psa"), join(asm, "ns")], gen));
  return {
    spm: { ...spm, memorySize: memoryBudget(spm.wasm, 0) },
    partitions: parts,
    nsApp: { ...nsApp, memorySize: WASM_PAGE },
    generatedDir: gen,
  };
}

function cModule(m: WasmModule & { memorySize: number }): CModule {
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(m.wasm))).map((i) => i.module);
  return { name: m.name, memorySize: m.memorySize, importModules: [...new Set(imports)] };
}

const cFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".c")).map((f) => join(dir, f));

/** The whole pipeline: asc → wasm2c → gcc → link, for the secure and the non-secure image. */
export async function buildImage(opts: BuildOptions, progress = new Progress()): Promise<Image> {
  const board = loadBoard(opts.board);
  const wasm = await buildWasm(opts, progress);
  const outDir = join(BUILD_DIR, `${board.name}-${opts.backend}`);
  const genC = join(outDir, "gen");
  mkdirSync(genC, { recursive: true });

  const modules = [wasm.spm, ...wasm.partitions, wasm.nsApp];
  const cDirs = new Map<string, string>();
  for (const m of modules) {
    const { dir } = await progress.step("wasm2c", `${m.name}.c`, () => wasmToC(m));
    cDirs.set(m.name, dir);
  }

  const spmC = cModule(wasm.spm);
  const partC = wasm.partitions.map((p) => ({ module: cModule(p), sfnExports: p.partition.services.map((s) => ({ index: s.index, name: s.sfnExport })) }));
  const appC = cModule(wasm.nsApp);
  writeGenerated(genC, {
    "board_config.h": boardConfigH(board),
    "secure_modules.c": secureModulesC(spmC, partC),
    "ns_modules.c": nsModulesC(appC),
    ...Object.fromEntries([spmC, ...partC.map((p) => p.module), appC].map((m) => [`module_${m.name}.c`, moduleWrapper(m)])),
    "secure.ld": secureLinkerScript(board, [spmC, ...partC.map((p) => p.module)].map((m) => m.name)),
    "ns.ld": nsLinkerScript(board),
  });

  const cpu = cpuFlags(board.cpu);
  const incBase = [wasmRtIncludeDir(), join(PORT, "include"), genC, wasm.generatedDir];
  const compileAll = async (side: string, srcs: string[], flags: string[], inc: string[]) => {
    const objs: string[] = [];
    for (const src of srcs) {
      const label = `${side} ${relative(ROOT, src).replace(/^build\/[^/]+\//, "")}`;
      objs.push((await progress.step("gcc", label, () => compileC(src, flags, inc))).obj);
    }
    return objs;
  };

  const secureInc = [...incBase, cDirs.get("spm")!, ...wasm.partitions.map((p) => cDirs.get(p.name)!)];
  const secureObjs = await compileAll(
    "S ",
    [...cFiles(join(PORT, "secure")), ...cFiles(join(PORT, "runtime")), join(genC, "secure_modules.c"), join(genC, "module_spm.c"), ...wasm.partitions.map((p) => join(genC, `module_${p.name}.c`))],
    [...cpu, "-mcmse"],
    secureInc,
  );
  const nsInc = [...incBase, cDirs.get("nsapp")!];
  const nsObjs = await compileAll("NS", [...cFiles(join(PORT, "ns")), ...cFiles(join(PORT, "runtime")), join(genC, "ns_modules.c"), join(genC, "module_nsapp.c")], cpu, nsInc);

  // Linked under per-process names, then renamed: two builds of one board (parallel tests) never
  // see each other's half-written files.
  const final = { secureElf: join(outDir, "secure.elf"), secureMap: join(outDir, "secure.map"), veneers: join(outDir, "veneers.o"), nsElf: join(outDir, "ns.elf"), nsMap: join(outDir, "ns.map") };
  const tmp = Object.fromEntries(Object.entries(final).map(([k, v]) => [k, `${v}.tmp-${process.pid}`])) as typeof final;
  const linkFlags = [...cpu, "-nostartfiles", "--specs=nano.specs", "-Wl,--gc-sections"];
  await progress.step("link", relative(ROOT, final.secureElf), async () => {
    await run(GCC, [...linkFlags, "-mcmse", "-T", join(genC, "secure.ld"), `-Wl,-Map=${tmp.secureMap}`, "-Wl,--cmse-implib", `-Wl,--out-implib=${tmp.veneers}`, ...secureObjs, "-o", tmp.secureElf]);
    return {};
  });
  await progress.step("link", relative(ROOT, final.nsElf), async () => {
    await run(GCC, [...linkFlags, "-T", join(genC, "ns.ld"), `-Wl,-Map=${tmp.nsMap}`, ...nsObjs, tmp.veneers, "-o", tmp.nsElf]);
    return {};
  });
  for (const k of Object.keys(final) as (keyof typeof final)[]) renameSync(tmp[k], final[k]);
  const { secureElf, secureMap, nsElf } = final;
  const size = await run("arm-none-eabi-size", [secureElf, nsElf]);
  return { ...wasm, board, outDir, secureElf, nsElf, secureMap, size };
}
