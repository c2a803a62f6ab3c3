import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { BUILD_DIR, cached, hashOf, isBeingWritten } from "./cache.js";
import { run } from "./exec.js";

export const GCC = "arm-none-eabi-gcc";

/** Flags shared by every object (TOOLCHAIN.md, "wasm2c → Cortex-M"). */
export function cpuFlags(cpu: string): string[] {
  return [`-mcpu=${cpu}`, "-mthumb", "-mfloat-abi=soft"];
}

const COMPILE_FLAGS = [
  "-Os", "-std=gnu11", "-ffunction-sections", "-fdata-sections", "-DNDEBUG",
  "-DWASM_RT_USE_STACK_DEPTH_COUNT=0", "-Wall", "-Wno-unused-value", "-Wno-unused-function",
  "-Wno-unused-variable", "-Wno-unused-but-set-variable",
];

/**
 * wasm-rt.h copied into the build's own include directory: a cross build must never see
 * /usr/include, where host glibc headers live.
 */
export function wasmRtIncludeDir(): string {
  const dir = join(BUILD_DIR, "include");
  const dst = join(dir, "wasm-rt.h");
  if (!existsSync(dst)) {
    const src = ["/usr/include/wasm-rt.h", "/usr/src/wasm2c/wasm-rt.h"].find(existsSync);
    if (!src) throw new Error("wasm-rt.h not found: install wabt with `npm run setup`");
    mkdirSync(dir, { recursive: true });
    copyFileSync(src, dst);
  }
  return dir;
}

function dirContents(dir: string): (string | Buffer)[] {
  const out: (string | Buffer)[] = [];
  const walk = (d: string) => {
    // Another build may be writing a file of the same content-addressed directory right now.
    for (const e of readdirSync(d).sort().filter((n) => !isBeingWritten(n))) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(p.slice(dir.length), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/** Compiles one C file; the object is cached by the source, every include directory's files and the flags. */
export async function compileC(src: string, flags: string[], includeDirs: string[]): Promise<{ obj: string; hit: boolean }> {
  const name = basename(src).replace(/\.c$/, ".o");
  const key = hashOf(name, ...flags, readFileSync(src), ...includeDirs.flatMap(dirContents));
  const { dir, hit } = await cached("obj", key, async (out) => {
    await run(GCC, [...flags, ...COMPILE_FLAGS, ...includeDirs.map((d) => `-I${d}`), "-c", src, "-o", join(out, name)]);
  });
  return { obj: join(dir, name), hit };
}
