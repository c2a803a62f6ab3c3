import { run } from "../image/exec.js";
import { symbolsOf } from "../image/mpu-plan.js";

export interface Footprint {
  flash_bytes: number;
  ram_bytes: number;
  spm_flash_bytes: number;
  spm_ram_bytes: number;
  partitions_flash_bytes: number;
  partitions_ram_bytes: number;
  runtime_flash_bytes: number;
  runtime_ram_bytes: number;
}

/**
 * The secure image's flash (text + initialised data) and RAM (data + bss), split into the SPM
 * module, the partition modules and the rest (the C port, the Wasm runtime, libc, the veneers and
 * the stacks), from the per-module section symbols the linker script defines.
 */
export async function footprintOf(secureElf: string, partitionModules: string[]): Promise<Footprint> {
  const [text, data, bss] = (await run("arm-none-eabi-size", [secureElf])).trim().split("\n")[1].trim().split(/\s+/).map(Number);
  const symbols = await symbolsOf(secureElf);
  const span = (m: string, part: string) => {
    const start = symbols.get(`__${m}_${part}_start`), end = symbols.get(`__${m}_${part}_end`);
    if (start === undefined || end === undefined) throw new Error(`${secureElf}: no __${m}_${part}_start/end`);
    return end - start;
  };
  const module = (m: string) => ({
    flash: span(m, "code") + span(m, "ro") + span(m, "data"),
    ram: span(m, "data") + span(m, "bss"),
  });
  const spm = module("spm");
  const parts = partitionModules.map(module).reduce((a, b) => ({ flash: a.flash + b.flash, ram: a.ram + b.ram }), { flash: 0, ram: 0 });
  const flash = text + data;
  const ram = data + bss;
  return {
    flash_bytes: flash, ram_bytes: ram,
    spm_flash_bytes: spm.flash, spm_ram_bytes: spm.ram,
    partitions_flash_bytes: parts.flash, partitions_ram_bytes: parts.ram,
    runtime_flash_bytes: flash - spm.flash - parts.flash, runtime_ram_bytes: ram - spm.ram - parts.ram,
  };
}
