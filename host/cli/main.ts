import { Command, CommanderError, Option } from "commander";
import { boardNames, UnknownBoardError, loadBoard } from "../board.js";
import { buildImage, buildWasm, ConfigError, DEFAULT_MANIFEST_LIST, DEFAULT_NS_CONTEXTS, MAX_NS_CONTEXTS, type BuildOptions, type Image } from "../image/build.js";
import { ToolError } from "../image/exec.js";
import { InputError, InputErrors } from "../manifest/errors.js";
import { Progress } from "../image/progress.js";
import type { Backend } from "../manifest/codegen.js";
import { QemuTimeout, runQemu } from "../qemu/run.js";
import { runHost } from "../runner/run.js";
import { relative, resolve } from "node:path";
import { CONFIGS, RESULTS_DIR, runBench, writeResults, type BenchOptions } from "../bench/run.js";
import { markdown } from "../bench/report.js";
import { SCENARIOS } from "../bench/scenarios.js";
import { DEMOS, type DemoName } from "../image/demos.js";
import { PROJECT_FILE, ProjectError, findProject } from "../project/config.js";
import { TEMPLATES, defaultSpec, initProject, type TemplateName } from "../project/init.js";
import { doctor } from "../project/doctor.js";
import { runTests } from "../project/test.js";

const DEFAULT_BOARD = "mps2-an505";

interface CommonFlags {
  board: string;
  backend: string;
  manifests: string;
  define?: string[];
  switches?: Record<string, boolean>;
  isolation: string;
  isolationRules?: string;
  nsContexts: string;
  nsManageNsid?: boolean;
  demo?: DemoName;
}

/** TF-M's -D switches, mapped onto bulkhead's options so a TF-M command line works here too. */
function applyDefines(flags: CommonFlags): void {
  for (const d of flags.define ?? []) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(d);
    if (!m) throw new CommanderError(2, "bulkhead.define", `-D${d}: expected NAME=VALUE`);
    const [, name, value] = m;
    if (name === "CONFIG_TFM_SPM_BACKEND") {
      if (!["SFN", "IPC"].includes(value)) throw new CommanderError(2, "bulkhead.define", `-DCONFIG_TFM_SPM_BACKEND=${value}: allowed values: SFN, IPC`);
      flags.backend = value.toLowerCase();
    } else if (name === "TFM_ISOLATION_LEVEL") {
      flags.isolation = value;
    } else if (name === "TFM_NS_MANAGE_NSID") {
      if (!["ON", "OFF"].includes(value)) throw new CommanderError(2, "bulkhead.define", `-DTFM_NS_MANAGE_NSID=${value}: allowed values: ON, OFF`);
      flags.nsManageNsid = value === "ON";
    } else if (/^TFM_PARTITION_[A-Z0-9_]+$/.test(name)) {
      if (!["ON", "OFF"].includes(value)) throw new CommanderError(2, "bulkhead.define", `-D${name}=${value}: allowed values: ON, OFF`);
      (flags.switches ??= {})[name] = value === "ON";
    } else {
      throw new CommanderError(2, "bulkhead.define", `-D${name}: unknown switch; supported: CONFIG_TFM_SPM_BACKEND, TFM_ISOLATION_LEVEL, TFM_NS_MANAGE_NSID, TFM_PARTITION_<NAME>`);
    }
  }
}

/**
 * A project's bulkhead.json (in the current directory) gives the options not given on the
 * command line; without one (bulkhead's own tree) the flags' defaults stand.
 */
function fromProject(flags: CommonFlags, cmd: Command): Partial<BuildOptions> {
  const project = flags.demo ? undefined : findProject();
  if (!project) return {};
  const unset = (name: keyof CommonFlags) => cmd.getOptionValueSource(name) !== "cli";
  // The options a flag can give go through the flags, so they are checked the same way.
  const { board, backend, isolation, nsContexts, nsManageNsid, manifestList, ...rest } = project.options;
  if (unset("board") && board) flags.board = board;
  if (unset("backend") && backend) flags.backend = backend;
  if (unset("isolation") && isolation) flags.isolation = String(isolation);
  if (unset("nsContexts") && nsContexts !== undefined) flags.nsContexts = String(nsContexts);
  if (unset("nsManageNsid") && nsManageNsid !== undefined) flags.nsManageNsid = nsManageNsid;
  if (unset("manifests")) flags.manifests = manifestList;
  return rest;
}

function buildOptions(flags: CommonFlags, cmd: Command): BuildOptions {
  const project = fromProject(flags, cmd);
  applyDefines(flags);
  loadBoard(flags.board);
  if (!["1", "2", "3"].includes(flags.isolation)) {
    throw new CommanderError(2, "bulkhead.isolation", `isolation level ${flags.isolation}: allowed values: 1, 2, 3`);
  }
  const rules = (flags.isolationRules ?? "").split(",").filter(Boolean).map((r) => {
    const m = /^I?([1-6])$/i.exec(r.trim());
    if (!m) throw new CommanderError(2, "bulkhead.isolation", `--isolation-rules ${flags.isolationRules}: expected a list such as I4,I5 (rules I1-I6)`);
    return Number(m[1]);
  }).filter((r) => r > 3);
  if (!/^\d+$/.test(flags.nsContexts) || Number(flags.nsContexts) > MAX_NS_CONTEXTS) {
    throw new CommanderError(2, "bulkhead.ns-contexts", `--ns-contexts ${flags.nsContexts}: allowed values: 0 to ${MAX_NS_CONTEXTS}`);
  }
  return {
    board: flags.board, backend: flags.backend as Backend, manifestList: flags.manifests, switches: flags.switches,
    isolation: Number(flags.isolation), isolationRules: [...new Set(rules)], nsContexts: Number(flags.nsContexts),
    nsManageNsid: flags.nsManageNsid ?? false, ...project, ...(flags.demo ? DEMOS[flags.demo] : {}),
  };
}

function withCommon(cmd: Command): Command {
  return cmd
    .addOption(new Option("--board <name>", `target board (${boardNames().join(", ")})`).default(DEFAULT_BOARD))
    .addOption(new Option("--backend <backend>", "SPM backend").choices(["sfn", "ipc"]).default("ipc"))
    .option("--isolation <level>", "FF-M isolation level (1, 2, 3)", "1")
    .option("--isolation-rules <list>", "optional FF-M isolation rules on top of I1-I3, e.g. I4,I5")
    .option("--manifests <file>", "manifest list (TF-M manifest_list format)", DEFAULT_MANIFEST_LIST)
    .addOption(new Option("--demo <name>", "build a demo image instead of the default one (its own manifests and NS application): nsce, NS tasks of several NSCE groups under a preemptive NS scheduler; trusted-services, published Crypto vectors and ITS from C, ITS across a warm reset").choices(Object.keys(DEMOS)).conflicts("manifests"))
    .option("--ns-contexts <n>", "NSCE context slots (NS task groups with their own secure context)", String(DEFAULT_NS_CONTEXTS))
    .option("--ns-manage-nsid", "NSCE: the NSID load_ctx gives is the client ID services see (TF-M's TFM_NS_MANAGE_NSID)")
    .option("-D, --define <NAME=VALUE...>", "TF-M switch: -DCONFIG_TFM_SPM_BACKEND=SFN|IPC, -DTFM_ISOLATION_LEVEL=1|2|3, -DTFM_NS_MANAGE_NSID=ON|OFF, -DTFM_PARTITION_<NAME>=ON|OFF");
}

interface BenchFlags {
  board?: string;
  config?: string;
  scenario?: string;
  n: string;
  hostSeconds: string;
  json?: boolean;
  out: string;
}

const list = (v: string | undefined) => (v ?? "").split(",").map((x) => x.trim()).filter(Boolean);

function benchOptions(flags: BenchFlags, log: (s: string) => void): BenchOptions {
  const boards = list(flags.board);
  boards.forEach((b) => loadBoard(b));
  const configs = list(flags.config).map((c) => {
    const m = /^(sfn|ipc)\/([123])$/i.exec(c);
    if (!m) throw new CommanderError(2, "bulkhead.bench", `--config ${c}: expected backend/level; allowed: ${CONFIGS.map((x) => `${x.backend}/${x.isolation}`).join(", ")}`);
    const config = { backend: m[1].toLowerCase() as Backend, isolation: Number(m[2]) };
    if (config.backend === "sfn" && config.isolation > 1) throw new CommanderError(2, "bulkhead.bench", `--config ${c}: the SFN backend allows isolation level 1 only (FF-M)`);
    return config;
  });
  const scenarios = list(flags.scenario);
  for (const s of scenarios) {
    if (!SCENARIOS.some((x) => x.name === s)) throw new CommanderError(2, "bulkhead.bench", `--scenario ${s}: allowed: ${SCENARIOS.map((x) => x.name).join(", ")}`);
  }
  const n = Number(flags.n);
  if (!Number.isInteger(n) || n < 1 || n > 100000) throw new CommanderError(2, "bulkhead.bench", `--n ${flags.n}: expected a whole number from 1 to 100000`);
  const hostSeconds = Number(flags.hostSeconds);
  if (!(hostSeconds >= 0 && hostSeconds <= 60)) throw new CommanderError(2, "bulkhead.bench", `--host-seconds ${flags.hostSeconds}: expected 0 to 60`);
  return {
    boards: boards.length ? boards : boardNames(), configs: configs.length ? configs : CONFIGS, scenarios, n, hostSeconds,
    log: flags.json ? () => {} : log, showProgress: !flags.json && process.stderr.isTTY === true,
  };
}

async function build(flags: CommonFlags, cmd: Command, log: (s: string) => void): Promise<Image> {
  const opts = buildOptions(flags, cmd);
  const progress = new Progress(log);
  progress.note(`bulkhead build: ${opts.board}, ${opts.backend.toUpperCase()} backend, isolation level ${opts.isolation}`);
  const start = performance.now();
  const image = await buildImage(opts, progress);
  progress.note(`built in ${((performance.now() - start) / 1000).toFixed(1)} s → ${image.outDir}`);
  progress.note(image.size.trimEnd());
  return image;
}

export async function main(argv: string[]): Promise<number> {
  const log = (s: string) => process.stderr.write(s + "\n");
  let exitCode = 0;
  const program = new Command("bulkhead")
    .description("Secure Partition Manager for Armv8-M, written in AssemblyScript")
    .exitOverride()
    .showHelpAfterError();

  withCommon(program.command("build").description("build the secure and non-secure images")).action(async (flags: CommonFlags, cmd: Command) => {
    await build(flags, cmd, log);
  });

  withCommon(program.command("layout").description("build, then print the MPU region plan: addresses, sizes, attributes, whose")).action(async (flags: CommonFlags, cmd: Command) => {
    const image = await build(flags, cmd, log);
    process.stdout.write(image.layout + "\n");
  });

  withCommon(program.command("run").description("build if needed, boot in QEMU (or --host: under Node), stream the UART"))
    .option("--host", "run the same .wasm files on the host runner instead of QEMU")
    .option("--timeout <seconds>", "give up when the image has not exited by then", "30")
    .action(async (flags: CommonFlags & { host?: boolean; timeout: string }, cmd: Command) => {
      const timeout = Number(flags.timeout);
      if (!/^\d+(\.\d+)?$/.test(flags.timeout) || !(timeout > 0 && timeout <= 86400)) {
        throw new CommanderError(2, "bulkhead.timeout", `--timeout ${flags.timeout}: expected seconds, a number above 0 and at most 86400`);
      }
      const onUart = (s: string) => process.stdout.write(s);
      if (flags.host) {
        const opts = buildOptions(flags, cmd);
        if (opts.nsMainC) {
          throw new CommanderError(2, "bulkhead.host", `--host: this project's NS application is C (${PROJECT_FILE}: ns.sources) and the host runner runs Wasm only; boot it in QEMU (bulkhead run), or test its partitions with bulkhead/testing`);
        }
        const progress = new Progress(log);
        progress.note(`bulkhead build (host runner): ${opts.backend.toUpperCase()} backend`);
        exitCode = runHost(await buildWasm(opts, progress), onUart).exitCode;
      } else {
        const image = await build(flags, cmd, log);
        log(`qemu-system-arm -M ${image.board.qemuMachine}`);
        exitCode = (await runQemu(image.board, image.secureElf, image.nsElf, { timeoutSeconds: timeout, onUart })).exitCode;
      }
      log(`exit code ${exitCode}`);
    });

  program.command("init [dir]")
    .description("start a product of your own: a project with a partition, an NS application in C, tests, bulkhead.json")
    .addOption(new Option("--template <name>", `starting point: ${Object.entries(TEMPLATES).map(([k, v]) => `${k}, ${v}`).join("; ")}`).choices(Object.keys(TEMPLATES)).default("sfn"))
    .option("--force", "write into a folder that has files (the template's files are overwritten, others left alone)")
    .option("--bulkhead <spec>", `the dependency on bulkhead for package.json (default: ${defaultSpec()})`)
    .action((dir: string | undefined, flags: { template: TemplateName; force?: boolean; bulkhead?: string }) => {
      const target = dir ?? ".";
      const files = initProject({ dir: target, template: flags.template, force: flags.force ?? false, bulkheadSpec: flags.bulkhead });
      process.stdout.write(`bulkhead init: ${flags.template} project in ${resolve(target)}\n${files.map((f) => `  ${f}`).join("\n")}\n\nnext:\n${target === "." ? "" : `  cd ${target}\n`}  npm install\n  npm start     # build, boot in QEMU\n  npm test      # the partition's tests\n`);
    });

  program.command("test [files...]")
    .description("run a project's tests with node --test (TypeScript through tsx); by default every tests/**/*.test.{ts,mts,js,mjs}")
    .action(async (files: string[]) => {
      exitCode = await runTests(files);
    });

  program.command("doctor")
    .description("check the toolchain a build needs (QEMU, Arm GCC, newlib, wabt, make) and print the command that installs what is missing")
    .action(() => {
      const report = doctor();
      process.stdout.write(report.lines.join("\n") + "\n");
      if (report.missing.length) {
        process.stdout.write(`\nmissing: ${report.missing.join(", ")}; install with:\n  ${report.install}\n`);
        exitCode = 1;
      } else {
        process.stdout.write("\neverything bulkhead needs is installed\n");
      }
    });

  program.command("bench")
    .description("measure what SFN vs IPC and each isolation level cost per call, in QEMU instructions, beside hand-written floors; footprint; chart")
    .option("--board <names>", `boards, comma-separated (default: all: ${boardNames().join(", ")})`)
    .option("--config <list>", "configurations, comma-separated backend/level (default: sfn/1,ipc/1,ipc/2,ipc/3)")
    .option("--scenario <list>", `scenarios to report, comma-separated (default: all: ${SCENARIOS.map((x) => x.name).join(", ")}); the floors always are`)
    .option("--n <count>", "operations per scenario (SHA-256: n/50 hashes)", "1000")
    .option("--host-seconds <s>", "seconds per host-runner scenario, 0 to skip", "0.5")
    .option("--json", "print only the JSON results on stdout")
    .option("--out <dir>", "where latest.json, latest.md and latest.svg go", RESULTS_DIR)
    .action(async (flags: BenchFlags) => {
      const opts = benchOptions(flags, log);
      const results = await runBench(opts);
      const files = await writeResults(results, flags.out);
      if (flags.json) {
        process.stdout.write(JSON.stringify(results, null, 2) + "\n");
      } else {
        process.stdout.write(markdown(results));
        log(`written: ${files.map((f) => relative(process.cwd(), f)).join(", ")}`);
      }
      if (!results.deterministic) exitCode = 1;
    });

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version") return 0;
      if (e.code.startsWith("bulkhead.")) log(`error: ${e.message}`);
      return 2;
    }
    if (e instanceof InputError || e instanceof InputErrors || e instanceof UnknownBoardError || e instanceof ConfigError || e instanceof ProjectError) {
      log(`error: ${e.message}`);
      return 2;
    }
    if (e instanceof ToolError || e instanceof QemuTimeout) {
      log(`error: ${e.message}`);
      return e instanceof QemuTimeout ? 124 : 1;
    }
    throw e;
  }
}
