import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./image/wasm.js";
import { readBoard } from "./board-schema.js";
import { YamlFile } from "./manifest/yaml-file.js";

interface Range {
  base: number;
  size: number;
}

/** The facts about one board that the build, the C port and the runners need (boards/<name>/board.json). */
export interface Board {
  name: string;
  description: string;
  cpu: string;
  qemuMachine: string;
  /** The CPU (and SysTick) clock QEMU models: under -icount shift=0 one instruction takes 1 ns. */
  cpuClockHz: number;
  mpuRegions: number;
  /** Armv8.1-M's privileged-execute-never MPU attribute (Cortex-M55/M85), which rules I5 and I6 need. */
  pxn: boolean;
  secure: { code: Range; ram: Range };
  nonSecure: { code: Range; ram: Range };
  uart: number;
  nsccfg: number;
  mpcs: { name: string; base: number; memory: number; size: number }[];
  /** External interrupt lines of the NVIC (IRQ numbers 0 .. irqLines - 1). */
  irqLines: number;
  /** Named MMIO regions a manifest's mmio_regions may use (TF-M's names), at their secure aliases. */
  peripherals: Record<string, Range & { irq?: number }>;
  /** Named IRQ sources a manifest's irqs may use. */
  irqNames: Record<string, number>;
}

/**
 * The memory the build gives the NS side: its SAU regions, and the only memory an NS caller's
 * buffers may lie in (the SPM checks this before the TT instruction, which passes the System
 * Control Space the SAU and IDAU exempt). NS code is readable only: no service writes an outvec
 * into the NS image.
 */
export function nsRegions(board: Board): { name: string; base: number; size: number; writable: boolean }[] {
  // RAM first: most buffers are there, and the check stops at the region that holds one.
  return [
    { name: "NS RAM", ...board.nonSecure.ram, writable: true },
    { name: "NS code", ...board.nonSecure.code, writable: false },
  ];
}

const ARMV81M_CPUS = ["cortex-m55", "cortex-m85"];

export class UnknownBoardError extends Error {}

export function boardNames(): string[] {
  return readdirSync(join(ROOT, "boards"))
    .filter((d) => existsSync(join(ROOT, "boards", d, "board.json")))
    .sort();
}


/** Board names only: a path (--board ../x) is not a board. A board.json is checked key by key. */
export function loadBoard(name: string): Board {
  if (!boardNames().includes(name)) {
    throw new UnknownBoardError(`unknown board '${name}'; known boards: ${boardNames().join(", ")}`);
  }
  const file = YamlFile.read(join(ROOT, "boards", name, "board.json"));
  const raw = readBoard(file);
  if (raw.name !== name) throw file.error(["name"], `is '${raw.name}' but the board's folder is '${name}'`);
  const num = (v: string) => Number(v);
  const range = (r: { base: string; size: string }) => ({ base: num(r.base), size: num(r.size) });
  return {
    name: raw.name,
    description: raw.description,
    cpu: raw.cpu,
    qemuMachine: raw.qemu.machine,
    cpuClockHz: raw.cpuClockHz,
    mpuRegions: raw.mpuRegions,
    pxn: ARMV81M_CPUS.includes(raw.cpu),
    secure: { code: range(raw.secure.code), ram: range(raw.secure.ram) },
    nonSecure: { code: range(raw.nonSecure.code), ram: range(raw.nonSecure.ram) },
    uart: num(raw.uart),
    nsccfg: num(raw.nsccfg),
    mpcs: raw.mpcs.map((m) => ({
      name: m.name,
      base: num(m.base),
      memory: num(m.memory),
      size: num(m.size),
    })),
    irqLines: raw.irqLines,
    peripherals: Object.fromEntries(
      Object.entries(raw.peripherals ?? {}).map(([k, r]) => [k, { ...range(r), irq: r.irq }]),
    ),
    irqNames: raw.irqNames ?? {},
  };
}
