import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cached, hashOf } from "./cache.js";
import type { WasmModule } from "./wasm.js";

/**
 * Where an Asyncify'd partition keeps its saved call stack while its thread is switched out: the
 * tail of its 64 KiB Wasm page, past the memory budget the target gives it (the host runner
 * cannot shrink a page, so these bytes exist only on the host). The build refuses a partition
 * whose budget reaches into it.
 */
export const ASYNCIFY_DATA = 0xf000;
export const ASYNCIFY_END = 0x10000;

/**
 * The host runner's build of a partition for the IPC backend: the same .wasm after Binaryen's
 * Asyncify pass, so that a partition can block in any PSA call (psa_wait, psa_call, a reply that
 * lets a higher-priority thread run) and resume later, as its thread does on the target. Only the
 * imports of the "psa" module may suspend; the target image uses the untransformed .wasm.
 */
export async function asyncifyForHost(mod: WasmModule): Promise<{ wasm: string; hit: boolean }> {
  const bytes = readFileSync(mod.wasm);
  const psaImports = WebAssembly.Module.imports(new WebAssembly.Module(bytes))
    .filter((i) => i.module === "psa")
    .map((i) => `psa.${i.name}`);
  const { default: binaryen } = await import("binaryen");
  const key = hashOf("asyncify", binaryen.getOptimizeLevel().toString(), bytes);
  const { dir, hit } = await cached("asyncify", key, async (out) => {
    const module = binaryen.readBinary(bytes);
    module.setFeatures(binaryen.Features.All);
    binaryen.setPassArgument("asyncify-imports", psaImports.join(",") || "none.none");
    module.runPasses(["asyncify"]);
    binaryen.setPassArgument("asyncify-imports", null);
    if (!module.validate()) throw new Error(`Asyncify produced an invalid module from ${mod.wasm}`);
    writeFileSync(join(out, `${mod.name}.wasm`), module.emitBinary());
    module.dispose();
  });
  return { wasm: join(dir, `${mod.name}.wasm`), hit };
}
