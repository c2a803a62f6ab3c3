import { mkdirSync, readFileSync, readdirSync, renameSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { loadBoard, type Board } from "../board.js";
import { resolveBoardNames } from "../manifest/board-names.js";
import { PARTITION_DATA_BASE, WASM_PAGE, loadManifests, type Conditions, type Partition } from "../manifest/load.js";
import { manifestHeaders, spmTables, type Backend } from "../manifest/codegen.js";
import { InputError, InputErrors } from "../manifest/errors.js";
import { checkIsolation, ConfigError, unprivileged } from "../manifest/isolation.js";
import { BUILD_DIR, hashOf, writeAtomic } from "./cache.js";
import { run } from "./exec.js";
import { GCC, compileC, cpuFlags, wasmRtIncludeDir } from "./gcc.js";
import { boardConfigH, moduleWrapper, nsModulesC, secureModulesC, type CModule, type CPartition } from "./glue.js";
import { nsLinkerScript, secureLinkerScript } from "./linker-script.js";
import { checkPlanFits, formatPlan, layoutOf, planRegions, type PlanInput, type RegionPlan } from "./mpu-plan.js";
import { Progress } from "./progress.js";
import { ASYNCIFY_DATA, asyncifyForHost } from "./asyncify.js";
import { ROOT, compileAs, dataEnd, exportsOf, functionExports, tableSize, wasmToC, type WasmModule } from "./wasm.js";
import { spmCallsC } from "./spm-calls.js";
import { meterForHost } from "./watchdog-meter.js";
import { writeNsInterface } from "./ns-interface.js";
import { servicesAppTs } from "./services-app.js";
import { abiFactsH, abiFactsTs } from "../abi.js";

export interface BuildOptions {
  board: string;
  backend: Backend;
  manifestList: string;
  /** FF-M isolation level (TFM_ISOLATION_LEVEL); 1 when not given. */
  isolation?: number;
  /** Optional FF-M isolation rules on top of I1-I3 (4, 5, 6). */
  isolationRules?: number[];
  /** TF-M style ON/OFF switches (-DNAME=ON) that manifest-list `conditional` entries may name. */
  switches?: Record<string, boolean>;
  /** The NS application's AssemblyScript entry (default: assembly/ns/app.ts). */
  nsApp?: string;
  /** Names the output directory of a non-default application (build/<board>-<backend>-<variant>). */
  variant?: string;
  /** Lets partitions import "probe" (raw memory accesses), for the isolation tests only. */
  probes?: boolean;
  /** Adds the benchmark's timed loops (NS) and hand-written floors (secure): boards/armv8m/bench. */
  bench?: boolean;
  /** NSCE context slots (default DEFAULT_NS_CONTEXTS); 0 leaves only the NS side's own context. */
  nsContexts?: number;
  /** TFM_NS_MANAGE_NSID: the NSID of load_ctx is the client ID services see (default off). */
  nsManageNsid?: boolean;
  /** More C sources for the NS image (the NS scheduler and the NSCE demo's tasks: host/image/demos.ts). */
  nsSources?: string[];
  /** The NS application is the C `main()` in nsSources, not an AssemblyScript module (a project's ns/main.c). */
  nsMainC?: boolean;
  /** Include directories and NAME[=VALUE] defines for the NS image's C sources. */
  nsIncludes?: string[];
  nsDefines?: string[];
  /** bulkhead's own partitions (manifest names, e.g. TFM_SP_ITS) built beside manifestList's. */
  include?: string[];
}

export const DEFAULT_NS_CONTEXTS = 4;
/** A token has 8 bits for the slot; the secure image has a stack per slot. */
export const MAX_NS_CONTEXTS = 32;
export const nsContextsOf = (opts: BuildOptions) => opts.nsContexts ?? DEFAULT_NS_CONTEXTS;

export { ConfigError };

export const DEFAULT_MANIFEST_LIST = join(ROOT, "assembly", "partitions", "manifest_list.yaml");

/** What the host runner needs: the same .wasm files the target image was made from. */
export interface WasmSet {
  spm: WasmModule & { memorySize: number };
  /** hostWasm: what the host runner instantiates (the IPC backend's Asyncify'd build). */
  partitions: (WasmModule & { memorySize: number; partition: Partition; hostWasm: string })[];
  nsApp: WasmModule & { memorySize: number };
  /** Generated AS/C headers (psa_manifest/…, bulkhead/…) these modules were compiled with. */
  generatedDir: string;
  backend: Backend;
  /** The board the set was built for: its devices are what the host runner models. */
  board: Board;
  /** FF-M isolation level: which partitions run unprivileged (the host runner's MPU checks). */
  isolation: number;
  /** NSCE context slots: the SPM's threads 1..nsContexts are their NS agents. */
  nsContexts: number;
}

export interface Image extends WasmSet {
  outDir: string;
  secureElf: string;
  nsElf: string;
  secureMap: string;
  /** build/<config>/ns-interface: what an NS build outside bulkhead links against (ns-interface.ts). */
  nsInterface: string;
  size: string;
  /** The MPU region plan (`bulkhead layout`). */
  layout: string;
  plan: RegionPlan;
}

const PORT = join(ROOT, "boards", "armv8m");
/** What joins a Wasm NS application to the port; an NS application in C has none of it. */
const WASM_NS_GLUE = ["app_imports.c", "probe.c"];
const NS_MAIN_C = `/* Generated by bulkhead: the NS port's reset handler runs the project's C main(). */
#include <stdint.h>

int main(void);

int32_t bulkhead_ns_app_main(void)
{
    return (int32_t)main();
}
`;
const BENCH_PORT = join(PORT, "bench");
const align32 = (v: number) => (v + 31) & ~31;

/**
 * Bytes of linear memory a module gets on the target: its static data (from 1024) plus the heap
 * its manifest asks for. Never below 1024, which the SPM relies on for the psa_msg_t slot. Accesses past that trap; the SPM and partitions never grow memory.
 * The host runner cannot shrink a Wasm page, so there an access between the budget and 64 KiB
 * succeeds; the SPM's own checks (partitionAddress) use the budget on both.
 */
function memoryBudget(wasm: string, heap: number): number {
  return align32(Math.max(dataEnd(wasm), PARTITION_DATA_BASE) + heap);
}

/** A partition's static data plus its heap must fit the one Wasm page it has. */
function checkMemory(p: Partition, wasm: string): number {
  const size = memoryBudget(wasm, p.heapSize);
  if (size > WASM_PAGE) {
    const data = Math.max(dataEnd(wasm), PARTITION_DATA_BASE);
    throw new InputError(p.manifestPath, p.file.lineOf(["heap_size"]), "heap_size", `0x${p.heapSize.toString(16)} bytes do not fit: ${p.name}'s static data ends at ${data}, so its heap can be at most ${WASM_PAGE - data} bytes (one 64 KiB Wasm page per partition)`);
  }
  return size;
}

function writeGenerated(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) writeAtomic(join(dir, name), text);
}

/** The switches a manifest list's `conditional` may name: the backend's, plus the user's -D ones. */
export function conditionsOf(opts: BuildOptions): Conditions {
  return {
    CONFIG_TFM_SPM_BACKEND_IPC: opts.backend === "ipc",
    CONFIG_TFM_SPM_BACKEND_SFN: opts.backend === "sfn",
    ...opts.switches,
  };
}

/** FF-M's compatibility table: the SFN backend hosts SFN partitions only. */
function checkBackend(partitions: Partition[], backend: Backend): void {
  const errors = partitions
    .filter((p) => backend === "sfn" && p.model === "IPC")
    .map((p) => p.file.error(["model"], `${p.name} is an IPC partition; the SFN backend runs SFN partitions only (use --backend ipc, or make it conditional on CONFIG_TFM_SPM_BACKEND_IPC in the manifest list)`));
  if (errors.length > 0) throw new InputErrors(errors);
}

/** The exports a partition's manifest promises: its entry_point, entry_init, or one SFN per service. */
function checkExports(p: Partition, wasm: string): void {
  const have = exportsOf(wasm);
  // Each export with the manifest key that promises it, where an error about it belongs.
  const want: { sig: string; at: (string | number)[] }[] = [
    ...(p.model === "SFN" ? p.services.map((s) => ({ sig: `${s.sfnExport}(msg: psa_msg_t): psa_status_t`, at: s.at.concat("name") })) : []),
    ...(p.entryPoint ? [{ sig: `${p.entryPoint}(): void`, at: ["entry_point"] }] : []),
    ...(p.entryInit ? [{ sig: `${p.entryInit}(): psa_status_t`, at: ["entry_init"] }] : []),
    ...p.irqs.flatMap((q, k) => (q.handling === "FLIH" ? [{ sig: `${q.flihExport}(): psa_flih_result_t`, at: ["irqs", k, "handling"] }] : [])),
  ];
  const missing = want.filter(({ sig }) => !have.includes(sig.slice(0, sig.indexOf("("))));
  if (missing.length > 0) throw new InputErrors(missing.map(({ sig, at }) => p.file.error(at, `${relative(process.cwd(), p.source)} must export ${sig}`)));
}

/** A partition reaches the world only through the PSA API ("psa"); never the SPM's platform. */
function checkImports(p: Partition, wasm: string, probes: boolean): void {
  const allowed = probes ? ["psa", "probe"] : ["psa"];
  const modules = [...new Set(WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasm))).map((i) => i.module))];
  const bad = modules.filter((m) => !allowed.includes(m));
  if (bad.length > 0) {
    throw new InputError(p.manifestPath, 1, "entry_point", `${relative(process.cwd(), p.source)} imports from ${bad.join(", ")}; a partition may import only ${allowed.join(" and ")}${probes ? "" : " (\"probe\" is for the isolation tests' builds)"}`);
  }
}

/** Manifests → generated AS headers → one .wasm per module. Needs no cross toolchain. */
export async function buildWasm(opts: BuildOptions, progress = new Progress()): Promise<WasmSet> {
  const { partitions, leftOut } = loadManifests(opts.manifestList, conditionsOf(opts), { listPath: DEFAULT_MANIFEST_LIST, names: opts.include ?? [] });
  const board = loadBoard(opts.board);
  resolveBoardNames(partitions, board);
  const isolation = { level: opts.isolation ?? 1, rules: opts.isolationRules ?? [] };
  checkIsolation(partitions, board, opts.backend, isolation.level, isolation.rules);
  checkBackend(partitions, opts.backend);
  const files = { "bulkhead_abi/facts.ts": abiFactsTs(), "bulkhead_abi/facts.h": abiFactsH(), "bulkhead/spm_tables.ts": spmTables(partitions, opts.backend, { ...isolation, board }, { contexts: nsContextsOf(opts), manageNsid: opts.nsManageNsid ?? false }), ...manifestHeaders(partitions, leftOut) };
  const gen = join(BUILD_DIR, "gen", hashOf(...Object.entries(files).flat()));
  writeGenerated(gen, files);

  const asm = join(ROOT, "assembly");
  const spm = await progress.step("asc", `spm.wasm (${opts.backend})`, () => compileAs("spm", join(asm, "spm", "index.ts"), [join(asm, "psa"), join(asm, "spm"), join(asm, "mpu"), join(asm, "nsce")], gen, ["bulkhead", "bulkhead_abi"]));
  const parts = [];
  for (const p of partitions) {
    const m = await progress.step("asc", `${p.module}.wasm`, () => compileAs(p.module, p.source, [join(asm, "psa"), join(asm, "lib"), join(p.source, "..")], gen, ["psa_manifest", "bulkhead_abi"], p.heapSize));
    checkExports(p, m.wasm);
    checkImports(p, m.wasm, opts.probes ?? false);
    const memorySize = checkMemory(p, m.wasm);
    // The host runner's watchdog counts loop iterations (the target's SysTick needs no change).
    const metered = p.watchdogMs > 0 ? await meterForHost(m.wasm, p.module) : m.wasm;
    let hostWasm: string;
    if (opts.backend === "ipc") {
      if (memorySize > ASYNCIFY_DATA) {
        throw new InputError(p.manifestPath, p.file.lineOf(["heap_size"]), "heap_size", `${p.name} needs ${memorySize} bytes of memory; the IPC backend's host runner allows at most ${ASYNCIFY_DATA} per partition`);
      }
      hostWasm = (await progress.step("asyncify", `${p.module}.wasm`, () => asyncifyForHost({ ...m, wasm: metered }))).wasm;
    } else {
      hostWasm = metered;
    }
    parts.push({ ...m, partition: p, memorySize, hostWasm });
  }
  // bulkhead's own NS application calls its reference partitions; another manifest list without an
  // NS application of its own gets one generated from it (an NS image in C still has it, for the
  // host runner, which runs Wasm only).
  const nsSource = opts.nsApp ?? (resolve(opts.manifestList) === DEFAULT_MANIFEST_LIST ? join(asm, "ns", "app.ts") : join(gen, "ns", "services_app.ts"));
  if (!opts.nsApp && nsSource.startsWith(gen)) writeAtomic(nsSource, servicesAppTs(partitions));
  const nsApp = await progress.step("asc", "nsapp.wasm", () => compileAs("nsapp", nsSource, [join(asm, "psa"), join(asm, "ns"), join(asm, "nsce"), join(asm, "lib"), dirname(nsSource)], gen, ["psa_manifest", "bulkhead_abi"]));
  return {
    spm: { ...spm, memorySize: memoryBudget(spm.wasm, 0) },
    partitions: parts,
    nsApp: { ...nsApp, memorySize: WASM_PAGE },
    generatedDir: gen,
    backend: opts.backend,
    board,
    isolation: isolation.level,
    nsContexts: nsContextsOf(opts),
  };
}

function cModule(m: WasmModule & { memorySize: number }): CModule {
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(m.wasm))).map((i) => i.module);
  return { name: m.name, memorySize: m.memorySize, importModules: [...new Set(imports)], tableSize: tableSize(m.wasm) };
}

const cFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".c")).map((f) => join(dir, f));

/** The whole pipeline: asc → wasm2c → gcc → link, for the secure and the non-secure image. */
export async function buildImage(opts: BuildOptions, progress = new Progress()): Promise<Image> {
  const wasm = await buildWasm(opts, progress);
  const board = wasm.board;
  const outDir = join(BUILD_DIR, [board.name, opts.backend, opts.variant].filter(Boolean).join("-"));
  const genC = join(outDir, "gen");
  mkdirSync(genC, { recursive: true });

  const modules = [wasm.spm, ...wasm.partitions, ...(opts.nsMainC ? [] : [wasm.nsApp])];
  const cDirs = new Map<string, string>();
  for (const m of modules) {
    const { dir } = await progress.step("wasm2c", `${m.name}.c`, () => wasmToC(m));
    cDirs.set(m.name, dir);
  }

  const spmC = cModule(wasm.spm);
  const ipc = opts.backend === "ipc";
  const level = opts.isolation ?? 1;
  const partC: CPartition[] = wasm.partitions.map((p) => ({
    module: cModule(p),
    stackSize: ipc ? p.partition.stackSize : 0,
    ipcModel: p.partition.model === "IPC",
    privileged: !unprivileged(p.partition, level),
    restartable: p.partition.restarts > 0,
    entryPoint: p.partition.entryPoint,
    entryInit: p.partition.entryInit,
    sfnExports: p.partition.model === "SFN" ? p.partition.services.map((s) => ({ index: s.index, name: s.sfnExport })) : [],
    flihExports: [],
    pid: p.partition.pid,
    mmioBase: p.partition.mmioRegions[0]?.base,
  }));
  // IRQ rows are numbered over all partitions in order (the SPM's IRQ table); FLIH rows call a function.
  wasm.partitions.flatMap((p, i) => p.partition.irqs.map((q) => ({ i, q })))
    .forEach(({ i, q }, row) => q.handling === "FLIH" && partC[i].flihExports.push({ index: row, name: q.flihExport }));
  const appC = cModule(wasm.nsApp);
  writeGenerated(genC, {
    "board_config.h": boardConfigH(board, opts.backend, nsContextsOf(opts), opts.nsManageNsid ?? false, wasm.partitions.some((p) => p.partition.watchdogMs > 0)),
    "secure_modules.c": secureModulesC(spmC, partC, opts.probes),
    ...spmCallsC(functionExports(wasm.spm.wasm)),
    "ns_modules.c": nsModulesC(appC),
    "ns_main.c": NS_MAIN_C,
    [`module_${spmC.name}.c`]: moduleWrapper(spmC, 0, opts.probes),
    [`module_${appC.name}.c`]: moduleWrapper(appC),
    ...Object.fromEntries(partC.map((p) => [`module_${p.module.name}.c`, moduleWrapper(p.module, p.stackSize, opts.probes)])),
    "secure.ld": secureLinkerScript(board, spmC.name, wasm.partitions.map((p) => ({ name: p.name, psaRot: p.partition.type === "PSA-ROT" }))),
    "ns.ld": nsLinkerScript(board),
  });

  const cpu = cpuFlags(board.cpu);
  const incBase = [wasmRtIncludeDir(), join(PORT, "include"), genC, wasm.generatedDir];
  const compileAll = async (side: string, srcs: string[], flags: string[], inc: string[]) => {
    const objs: string[] = [];
    for (const src of srcs) {
      const label = `${side} ${relative(process.cwd(), src).replace(/^build\/[^/]+\//, "")}`;
      objs.push((await progress.step("gcc", label, () => compileC(src, flags, inc))).obj);
    }
    return objs;
  };

  const secureInc = [...incBase, cDirs.get("spm")!, ...wasm.partitions.map((p) => cDirs.get(p.name)!)];
  const secureObjs = await compileAll(
    "S ",
    [...cFiles(join(PORT, "secure")), ...cFiles(join(PORT, "runtime")), ...(opts.bench ? [join(BENCH_PORT, "secure_floor.c")] : []), join(genC, "secure_modules.c"), join(genC, "spm_calls.c"), join(genC, "module_spm.c"), ...wasm.partitions.map((p) => join(genC, `module_${p.name}.c`))],
    [...cpu, "-mcmse"],
    secureInc,
  );
  const nsBench = opts.bench ? [join(BENCH_PORT, "ns_bench.c"), join(BENCH_PORT, "bench_sha256.c")] : [];
  const user = opts.nsSources ?? [];
  const nsObjs = opts.nsMainC
    ? await compileAll("NS", [...cFiles(join(PORT, "ns")).filter((f) => !WASM_NS_GLUE.includes(basename(f))), ...cFiles(join(PORT, "runtime")).filter((f) => !f.endsWith("wasm_rt.c")), ...nsBench, ...user, join(genC, "ns_main.c")],
      [...cpu, ...(opts.nsDefines ?? []).map((d) => `-D${d}`)], [...incBase, ...new Set([...(opts.nsIncludes ?? []), ...user.map((f) => dirname(f))])])
    : await compileAll("NS", [...cFiles(join(PORT, "ns")), ...cFiles(join(PORT, "runtime")), ...nsBench, ...user, join(genC, "ns_modules.c"), join(genC, "module_nsapp.c")], cpu, [...incBase, cDirs.get("nsapp")!]);

  // Linked under per-process names, then renamed: two builds of one board (parallel tests) never
  // see each other's half-written files.
  const final = { secureElf: join(outDir, "secure.elf"), secureMap: join(outDir, "secure.map"), veneers: join(outDir, "veneers.o"), nsElf: join(outDir, "ns.elf"), nsMap: join(outDir, "ns.map") };
  const tmp = Object.fromEntries(Object.entries(final).map(([k, v]) => [k, `${v}.tmp-${process.pid}`])) as typeof final;
  const linkFlags = [...cpu, "-nostartfiles", "--specs=nano.specs", "-Wl,--gc-sections"];
  await progress.step("link", relative(process.cwd(), final.secureElf), async () => {
    await run(GCC, [...linkFlags, "-mcmse", "-T", join(genC, "secure.ld"), `-Wl,-Map=${tmp.secureMap}`, "-Wl,--cmse-implib", `-Wl,--out-implib=${tmp.veneers}`, ...secureObjs, "-o", tmp.secureElf]);
    return {};
  });
  await progress.step("link", relative(process.cwd(), final.nsElf), async () => {
    await run(GCC, [...linkFlags, "-T", join(genC, "ns.ld"), `-Wl,-Map=${tmp.nsMap}`, ...nsObjs, tmp.veneers, "-o", tmp.nsElf]);
    return {};
  });
  for (const k of Object.keys(final) as (keyof typeof final)[]) renameSync(tmp[k], final[k]);
  const { secureElf, secureMap, nsElf } = final;
  const mpu = await progress.step("mpu", "region plan", async () => {
    const symbols = await layoutOf(secureElf);
    const input: PlanInput = {
      level,
      rules: opts.isolationRules ?? [],
      board,
      code: symbols("code"),
      ro: symbols("ro"),
      spmRw: symbols("spm_rw"),
      partitions: wasm.partitions.map((p) => ({ name: p.partition.name, psaRot: p.partition.type === "PSA-ROT", rw: symbols(`${p.name}_rw`) })),
      mmio: wasm.partitions.flatMap((p, partition) => p.partition.mmioRegions.map((r) => ({ partition, base: r.base!, size: r.size!, writable: r.permission === "READ-WRITE" }))),
    };
    const plan = await planRegions(input, wasm.generatedDir);
    checkPlanFits(plan, input);
    return { plan, input, hit: false };
  });
  const size = await run("arm-none-eabi-size", [secureElf, nsElf]);
  const nsInterface = writeNsInterface(outDir, board, final.veneers, wasm.generatedDir);
  return { ...wasm, board, outDir, secureElf, nsElf, secureMap, nsInterface, size, layout: formatPlan(mpu.plan, mpu.input), plan: mpu.plan };
}
