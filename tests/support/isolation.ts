// The isolation matrix (issue: MPU driver and isolation levels): test partitions that read, write
// and execute every asset class of every domain, the outcomes FF-M's rules (seed 003) demand, and
// the runners that collect what really happens, on the host runner and in QEMU.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildImage, buildWasm, type BuildOptions } from "../../host/image/build.ts";
import { Progress } from "../../host/image/progress.ts";
import { ROOT } from "../../host/image/wasm.ts";
import { runQemu } from "../../host/qemu/run.ts";
import { runHost } from "../../host/runner/run.ts";

const SOURCES = join(ROOT, "tests", "isolation");
const GENERATED = join(ROOT, "build", "isolation");
const POOL = 4;
// One 32-byte window of the SSE-200 dual timer per attacker: its own peripheral region.
const DUALTIMER = 0x50002000;

/** The attackers' manifests (one per pool member, all built from probe.ts.in) and the list. */
function generateManifests(): string {
  const entries: string[] = [
    "  - manifest: ../../tests/isolation/victim_p/manifest.yaml\n    pid: 400",
    "  - manifest: ../../tests/isolation/victim_a/manifest.yaml\n    pid: 401",
  ];
  const template = readFileSync(join(SOURCES, "probe.ts.in"), "utf8");
  ["P", "A"].forEach((kind, k) => {
    for (let n = 1; n <= POOL; n++) {
      const name = `ISO_PROBE_${kind}${n}`;
      const index = k * POOL + n - 1;
      const dir = join(GENERATED, name.toLowerCase());
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "partition.ts"), template.replace("{{SFN}}", `${name.toLowerCase()}_service_sfn`));
      writeFileSync(join(dir, "manifest.yaml"), [
        "psa_framework_version: 1.1", `name: ${name}`, `type: ${kind === "P" ? "PSA-ROT" : "APPLICATION-ROT"}`, "model: SFN", "stack_size: 0x400",
        "services:", `  - name: ${name}_SERVICE`, `    sid: 0x${(0xd010 + index).toString(16)}`, "    version: 1", "    non_secure_clients: true", "    connection_based: false",
        "dependencies:", "  - ISO_VICTIM_P_SERVICE",
        "mmio_regions:", `  - base: 0x${(DUALTIMER + 0x100 * index).toString(16)}`, "    size: 32", "    permission: READ-WRITE", "",
      ].join("\n"));
      entries.push(`  - manifest: ${name.toLowerCase()}/manifest.yaml\n    pid: ${410 + index}`);
    }
  });
  const list = join(GENERATED, "manifest_list.yaml");
  writeFileSync(list, `description: isolation matrix partitions\ntype: manifest_list\nmanifest_list:\n${entries.join("\n")}\n`);
  return list;
}

export interface MatrixConfig {
  backend: "sfn" | "ipc";
  level: number;
}

export function matrixOptions(c: MatrixConfig): BuildOptions {
  return {
    board: "mps2-an521", backend: c.backend, isolation: c.level, manifestList: generateManifests(),
    nsApp: join(SOURCES, "ns_matrix.ts"), variant: `isolation-l${c.level}`, probes: true,
  };
}

const CASE = /^\[ISO\] (\d+) (\S+) (\S+) (\S+) (\S+): (.*)$/;
const NS_HALT = /\[ISO\] (\d+) (NS \S+ \S+ \S+): \[SPM\] FATAL \S+ raised by non-secure code/;

export interface MatrixRun {
  /** "<attacker> <op> <target> <asset>" → allowed | fault | n/a */
  outcomes: Map<string, string>;
  victimsServe: boolean;
  boots: number;
  uart: string;
}

/** Boots the matrix image from case 0 until it says done, once more after each used-up pool. */
async function collect(boot: (from: number) => Promise<string>): Promise<MatrixRun> {
  const outcomes = new Map<string, string>();
  let uart = "";
  for (let from = 0, boots = 1; ; boots++) {
    const out = await boot(from);
    uart += out;
    for (const line of out.split("\n")) {
      const m = CASE.exec(line);
      if (m) outcomes.set(`${m[2]} ${m[3]} ${m[4]} ${m[5]}`, m[6]);
    }
    const next = /\[ISO\] next (\d+)/.exec(out);
    if (next) {
      from = Number(next[1]);
      continue;
    }
    // The NS side's refused access halted the system (faults.c), mid-line.
    const halted = NS_HALT.exec(out);
    if (halted) {
      outcomes.set(halted[2], "fault");
      from = Number(halted[1]) + 1;
      continue;
    }
    if (!out.includes("[ISO] done")) throw new Error(`the matrix image stopped early:\n${out}`);
    return { outcomes, victimsServe: out.includes("[ISO] victims serve"), boots, uart };
  }
}

const quiet = new Progress(() => {});

export async function matrixOnHost(c: MatrixConfig): Promise<MatrixRun> {
  const set = await buildWasm(matrixOptions(c), quiet);
  return collect(async (from) => runHost(set, undefined, from).uart);
}

export async function matrixInQemu(c: MatrixConfig): Promise<MatrixRun> {
  const image = await buildImage(matrixOptions(c), quiet);
  return collect(async (from) => (await runQemu(image.board, image.secureElf, image.nsElf, { bootArg: from, timeoutSeconds: 60 })).uart);
}

/**
 * What FF-M's rules demand (seed 003). Every partition here is one of: privileged (level 1; a
 * PSA-RoT partition at level 2) or unprivileged. I1: only code executes; I2: only private data is
 * writable; I3: a domain's private data is out of reach of the domains it needs protection from.
 * NS memory is reached by privileged secure code through the default map; executing it from the
 * secure state is a TrustZone fault whatever the privilege.
 */
export function expected(c: MatrixConfig, key: string): string {
  const [attacker, op, target, asset] = key.split(" ");
  // TrustZone keeps all secure memory and secure peripherals from NS code, at every level.
  if (attacker === "NS") return asset === "stack" && c.backend === "sfn" && target !== "SPM" ? "n/a" : "fault";
  const privileged = c.level === 1 || (c.level === 2 && attacker === "PRoT");
  // A Wasm partition can name only its own memory in an iovec; anything else is a programmer
  // error at every level.
  if (op === "iovec") return target === "self" ? "allowed" : "fault";
  // The stack limit (PSPLIM per thread; MSPLIM for the SFN backend's shared stack).
  if (op === "overflow") return "fault";
  if (target === "NS") {
    if (asset === "stack" || asset === "mmio") return "n/a";
    return privileged && op !== "execute" ? "allowed" : "fault";
  }
  if (asset === "stack" && c.backend === "sfn" && target !== "SPM") return "n/a";
  if (asset === "code") return op === "write" ? "fault" : "allowed";
  if (asset === "constant-data") return op === "read" ? "allowed" : "fault";
  if (op === "execute") return "fault";
  return reaches(c, privileged, attacker, target, asset) ? "allowed" : "fault";
}

/** Whether the attacker's code may read and write that domain's private data or peripheral. */
function reaches(c: MatrixConfig, privileged: boolean, attacker: string, target: string, asset: string): boolean {
  if (target === "self" || privileged) return true;
  // Unprivileged: its own regions only, and at level 2 the ARoT private data every ARoT shares
  // (but not another ARoT partition's peripheral, loaded only while that partition runs).
  return c.level === 2 && attacker === "ARoT" && target === "ARoT-partition" && asset !== "mmio";
}

/**
 * QEMU 7.2 does not always raise the SecureFault (INVTRAN) the architecture demands when
 * privileged secure code branches into non-secure memory without BLXNS; the host model does.
 * These cases are the only ones where QEMU may differ from the rules.
 */
export function qemuMayAllow(c: MatrixConfig, key: string): boolean {
  const [attacker, op, target] = key.split(" ");
  const privileged = c.level === 1 || (c.level === 2 && attacker === "PRoT");
  return privileged && op === "execute" && target === "NS";
}
