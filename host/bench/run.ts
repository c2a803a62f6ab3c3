import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { BUILD_DIR } from "../image/cache.js";
import { SingleBar } from "cli-progress";
import { buildImage, buildWasm, ConfigError, type BuildOptions } from "../image/build.js";
import { run } from "../image/exec.js";
import { Progress } from "../image/progress.js";
import { ASC_VERSION, ROOT } from "../image/wasm.js";
import { InputErrors } from "../manifest/errors.js";
import { runQemu } from "../qemu/run.js";
import { chartSvg } from "./chart.js";
import { footprintOf } from "./footprint.js";
import { hostRates } from "./host-rate.js";
import { configName, markdown, withFloors, type BenchRun, type Config, type Results } from "./report.js";
import { FLOORS, instructionsPerTick, parseBenchOutput } from "./scenarios.js";

export const BENCH_DIR = join(ROOT, "bench");
/** bulkhead's own results are committed beside the bench; a project's go in its build folder. */
export const RESULTS_DIR = resolve(process.cwd()) === resolve(ROOT) ? join(BENCH_DIR, "results") : join(BUILD_DIR, "bench");

/** SFN/L1, IPC/L1, IPC/L2, IPC/L3: what FF-M allows. */
export const CONFIGS: Omit<Config, "board">[] = [
  { backend: "sfn", isolation: 1 },
  { backend: "ipc", isolation: 1 },
  { backend: "ipc", isolation: 2 },
  { backend: "ipc", isolation: 3 },
];

export interface BenchOptions {
  boards: string[];
  configs: Omit<Config, "board">[];
  /** Scenarios to report (floors always are); all when empty. */
  scenarios: string[];
  n: number;
  /** Seconds per host-runner scenario; 0 skips the host figures. */
  hostSeconds: number;
  /** Progress and notes (stderr), silent for --json. */
  log: (line: string) => void;
  showProgress: boolean;
}

const benchBuild = (c: Config): BuildOptions => ({
  board: c.board, backend: c.backend, isolation: c.isolation, bench: true,
  manifestList: join(BENCH_DIR, "partitions", "manifest_list.yaml"),
  nsApp: join(BENCH_DIR, "ns_bench.ts"), variant: `bench-l${c.isolation}`,
});

async function toolVersions(): Promise<Results["tool"]> {
  const qemu = /version (\S+)/.exec(await run("qemu-system-arm", ["--version"]))?.[1] ?? "unknown";
  const gcc = (await run("arm-none-eabi-gcc", ["-dumpversion"])).trim();
  return { qemu, gcc, asc: ASC_VERSION };
}

/**
 * Builds the bench image for every board × configuration, boots each twice in QEMU with
 * -icount shift=0 (the two runs must agree to the instruction), reads the figures and the
 * footprint, and measures the host runner. Configurations that do not build on a board are left
 * out with the reason.
 */
export async function runBench(opts: BenchOptions): Promise<Results> {
  const jobs = opts.boards.flatMap((board) => opts.configs.map((c) => ({ board, ...c })));
  const bar = opts.showProgress ? new SingleBar({ format: "  bench {bar} {value}/{total} {config}", hideCursor: true, clearOnComplete: true }) : undefined;
  bar?.start(jobs.length + (opts.hostSeconds > 0 ? 2 : 0), 0, { config: "" });
  const quiet = new Progress(() => {});
  const runs: BenchRun[] = [];
  const footprint: Results["footprint"] = [];
  const skipped: string[] = [];
  let deterministic = true;
  for (const c of jobs) {
    bar?.update({ config: `${c.board} ${configName(c)}` });
    let image;
    try {
      image = await buildImage(benchBuild(c), quiet);
    } catch (e) {
      if (!(e instanceof ConfigError || e instanceof InputErrors)) throw e;
      skipped.push(`${c.board} ${configName(c)}: ${e.message.split("\n")[0]}`);
      bar?.increment();
      continue;
    }
    const boot = async () => {
      const r = await runQemu(image.board, image.secureElf, image.nsElf, { bootArg: opts.n, icount: true, timeoutSeconds: 300 });
      if (r.exitCode !== 0) throw new Error(`${c.board} ${configName(c)}: the bench image exited with ${r.exitCode}:\n${r.uart}`);
      return parseBenchOutput(r.uart, instructionsPerTick(image.board.cpuClockHz));
    };
    const first = await boot();
    const second = await boot();
    if (JSON.stringify([...first]) !== JSON.stringify([...second])) deterministic = false;
    const wanted = (s: string) => opts.scenarios.length === 0 || opts.scenarios.includes(s) || FLOORS.some((f) => f.name === s);
    runs.push(...withFloors(c, first).filter((r) => wanted(r.scenario)));
    footprint.push({ ...c, ...(await footprintOf(image.secureElf, image.partitions.map((p) => p.name))) });
    if (bar) bar.increment();
    else opts.log(`  bench ${c.board} ${configName(c)}: measured`);
  }
  const host = [];
  if (opts.hostSeconds > 0) {
    for (const backend of ["sfn", "ipc"] as const) {
      bar?.update({ config: `host runner ${backend.toUpperCase()}` });
      const set = await buildWasm(benchBuild({ board: opts.boards[0], backend, isolation: 1 }), quiet);
      host.push(...hostRates(set, opts.hostSeconds));
      bar?.increment();
    }
  }
  bar?.stop();
  for (const s of skipped) opts.log(`  not built: ${s}`);
  return { tool: await toolVersions(), deterministic, runs, footprint, host };
}

/** latest.{json,md,svg} in dir (bench/results by default). */
export async function writeResults(r: Results, dir = RESULTS_DIR): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const files = { "latest.json": JSON.stringify(r, null, 2) + "\n", "latest.md": markdown(r), "latest.svg": await chartSvg(r) };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return Object.keys(files).map((f) => join(dir, f));
}
