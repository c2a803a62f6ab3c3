import type { Footprint } from "./footprint.js";
import type { HostRate } from "./host-rate.js";
import { ALL, FLOORS, SCENARIOS } from "./scenarios.js";

export interface Config {
  board: string;
  backend: "sfn" | "ipc";
  isolation: number;
}

export interface BenchRun extends Config {
  scenario: string;
  n: number;
  instructions_per_op: number;
  floor_multiple: number;
}

export interface Results {
  tool: { qemu: string; gcc: string; asc: string };
  /** Every configuration booted twice with identical counts (else the bench fails). */
  deterministic: boolean;
  runs: BenchRun[];
  footprint: (Config & Footprint)[];
  host: HostRate[];
}

export const configName = (c: Config) => `${c.backend.toUpperCase()}/L${c.isolation}`;

/** TF-M v2.2.2 on the same QEMU an521 (the anchor): instructions, and secure text bytes. */
const TFM: Record<string, Record<string, number>> = {
  "SFN/L1": { call_empty: 767, framework_version: 26, text: 11244 },
  "IPC/L1": { call_empty: 1963, framework_version: 107, text: 13754 },
  "IPC/L2": { call_empty: 2495, framework_version: 103, text: 14664 },
};

/**
 * Instructions per operation for one configuration, with each figure's multiple of its floor: an
 * NS call's floor is the hand-written null psa_call, plus a thread switch pair under IPC (the
 * partition runs in its own thread); AOT SHA-256's is the same algorithm in C.
 */
export function withFloors(c: Config, measured: Map<string, { n: number; instructions: number }>): BenchRun[] {
  const get = (name: string) => {
    const m = measured.get(name);
    if (!m) throw new Error(`${configName(c)} on ${c.board}: the bench image printed no ${name}`);
    return m;
  };
  const floorOf = (floor: string) => get(floor).instructions + (floor === "floor_veneer" && c.backend === "ipc" ? get("floor_switch_pair").instructions : 0);
  return ALL.map((s) => {
    const m = get(s.name);
    const multiple = s.floor ? m.instructions / floorOf(s.floor) : 1;
    return { ...c, scenario: s.name, n: m.n, instructions_per_op: round(m.instructions), floor_multiple: round(multiple, 2) };
  });
}

const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;
const fmt = (v: number) => v.toLocaleString("en-US", { maximumFractionDigits: 1 });

/** The results as Markdown tables (the terminal prints the same). */
export function markdown(r: Results): string {
  const out: string[] = [];
  for (const board of [...new Set(r.runs.map((x) => x.board))]) {
    const runs = r.runs.filter((x) => x.board === board);
    const configs = [...new Map(runs.map((x) => [configName(x), x as Config])).values()];
    out.push(`### ${board}: instructions per operation (× floor)`, "");
    out.push(`| scenario | ${configs.map(configName).join(" | ")} | TF-M v2.2.2 (SFN/L1, IPC/L1, IPC/L2) |`);
    out.push(`|---|${configs.map(() => "---:").join("|")}|---:|`);
    for (const s of [...SCENARIOS, ...FLOORS]) {
      const cells = configs.map((c) => {
        const x = runs.find((y) => y.scenario === s.name && configName(y) === configName(c))!;
        return s.floor ? `${fmt(x.instructions_per_op)} (${x.floor_multiple.toFixed(2)}×)` : fmt(x.instructions_per_op);
      });
      const tfm = Object.values(TFM).map((t) => t[s.name]);
      out.push(`| ${s.name} | ${cells.join(" | ")} | ${tfm.every((v) => v === undefined) ? "" : tfm.map(fmt).join(" / ")} |`);
    }
    out.push("");
    const fp = r.footprint.filter((x) => x.board === board);
    out.push(`### ${board}: secure image footprint (bytes)`, "");
    out.push("| configuration | flash | RAM | SPM flash | SPM RAM | partitions flash | partitions RAM | runtime flash | runtime RAM | TF-M text |");
    out.push("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const f of fp) {
      const t = TFM[configName(f)]?.text;
      out.push(`| ${configName(f)} | ${[f.flash_bytes, f.ram_bytes, f.spm_flash_bytes, f.spm_ram_bytes, f.partitions_flash_bytes, f.partitions_ram_bytes, f.runtime_flash_bytes, f.runtime_ram_bytes].map(fmt).join(" | ")} | ${t ? fmt(t) : ""} |`);
    }
    out.push("");
  }
  if (r.host.length) {
    out.push("### Host runner (Node, wall clock): psa operations per second", "");
    out.push("| backend | scenario | ops/s |", "|---|---|---:|");
    for (const h of r.host) out.push(`| ${h.backend.toUpperCase()} | ${h.scenario} | ${fmt(h.ops_per_second)} |`);
    out.push("");
  }
  out.push(`Instruction counts are QEMU ${r.tool.qemu} guest instructions under \`-icount shift=0\` (one instruction a nanosecond; SysTick ticks converted at each board's CPU clock), ` +
    `${r.deterministic ? "identical in two boots of every configuration (deterministic)" : "NOT identical across two boots"}. ` +
    `TF-M figures: v2.2.2, gcc -Os, null partition, same QEMU. gcc ${r.tool.gcc}, asc ${r.tool.asc}.`);
  return out.join("\n") + "\n";
}
