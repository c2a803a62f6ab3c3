import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Board } from "../board.js";
import { ROOT } from "./wasm.js";

const hex = (v: number) => `0x${v.toString(16).padStart(8, "0")}`;
const STACK_SIZE = 0x2000;

function fill(template: string, values: Record<string, string>): string {
  return readFileSync(join(ROOT, "linker", template), "utf8").replace(/\{\{(\w+)\}\}/g, (_, k: string) => {
    if (!(k in values)) throw new Error(`linker/${template}: no value for {{${k}}}`);
    return values[k];
  });
}

/** Tables the startup code walks to initialise .data sections and clear .bss sections. */
function initTables(dataSections: string[], bssSections: string[]) {
  return {
    COPY_TABLE: dataSections
      .map((s) => `    LONG(LOADADDR(${s})) LONG(ADDR(${s})) LONG(ADDR(${s}) + SIZEOF(${s}))`)
      .join("\n"),
    ZERO_TABLE: bssSections.map((s) => `    LONG(ADDR(${s})) LONG(ADDR(${s}) + SIZEOF(${s}))`).join("\n"),
  };
}

/** A module's place in the secure image: the SPM, or a partition of the PSA-RoT or ARoT domain. */
export interface LaidOutModule {
  name: string;
  psaRot: boolean;
}

/**
 * The secure image's script: for every Wasm module (the SPM first, then each partition, PSA-RoT
 * before ARoT) its own code, constant-data and private-data output sections, fed from that
 * module's object file. Symbols __<module>_{code,ro,rw}_{start,end}, __{code,ro,spm_rw}_{start,end}
 * are the boundaries the MPU plan is made from (glue.ts hands them to the SPM).
 */
export function secureLinkerScript(board: Board, spm: string, partitions: LaidOutModule[]): string {
  const ordered = [...partitions.filter((p) => p.psaRot), ...partitions.filter((p) => !p.psaRot)].map((p) => p.name);
  const modules = [spm, ...ordered];
  const block = (m: string, kind: string, inputs: string, region: string, extra = "") =>
    `  .${m}_${kind} ${extra}: ALIGN(32)\n  {\n    __${m}_${kind}_start = .;\n    *module_${m}.o(${inputs})\n    . = ALIGN(32);\n    __${m}_${kind}_end = .;\n  } > ${region}`;
  const rw = (m: string) =>
    [
      block(m, "data", ".data .data.*", "S_RAM AT > S_CODE"),
      block(m, "bss", ".bss .bss.* COMMON", "S_RAM", "(NOLOAD) "),
      `  __${m}_rw_start = __${m}_data_start;\n  __${m}_rw_end = __${m}_bss_end;`,
    ].join("\n");
  return fill("secure.ld.in", {
    BOARD: board.name,
    S_CODE_BASE: hex(board.secure.code.base),
    S_CODE_SIZE: hex(board.secure.code.size),
    S_RAM_BASE: hex(board.secure.ram.base),
    S_RAM_SIZE: hex(board.secure.ram.size),
    CODE: modules.map((m) => block(m, "code", ".text .text.*", "S_CODE")).join("\n"),
    RO: modules.map((m) => block(m, "ro", ".rodata .rodata.*", "S_CODE")).join("\n"),
    SPM_RW: rw(spm),
    PARTITION_RW: ordered.map(rw).join("\n"),
    ...initTables([...modules.map((m) => `.${m}_data`), ".data"], [...modules.map((m) => `.${m}_bss`), ".bss"]),
    STACK_SIZE: hex(STACK_SIZE),
  });
}

export function nsLinkerScript(board: Board): string {
  return fill("ns.ld.in", {
    BOARD: board.name,
    NS_CODE_BASE: hex(board.nonSecure.code.base),
    NS_CODE_SIZE: hex(board.nonSecure.code.size),
    NS_RAM_BASE: hex(board.nonSecure.ram.base),
    NS_RAM_SIZE: hex(board.nonSecure.ram.size),
    ...initTables([".data"], [".bss"]),
    STACK_SIZE: hex(STACK_SIZE),
  });
}
