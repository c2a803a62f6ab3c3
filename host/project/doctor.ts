/**
 * `bulkhead doctor`: is the toolchain a build needs on this machine? Each Debian package of
 * scripts/debian-packages.txt (the list `npm run setup` installs) is checked by running what the
 * build runs; whatever is missing is named with the one command that installs it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../image/wasm.js";

export const DEBIAN_PACKAGES = join(ROOT, "scripts", "debian-packages.txt");

/** What proves a package is there: the first line of a tool's answer, or the reason it is not. */
const PROBES: Record<string, () => string | Error> = {
  "qemu-system-arm": () => tool("qemu-system-arm", ["--version"]),
  "gcc-arm-none-eabi": () => tool("arm-none-eabi-gcc", ["--version"]),
  "binutils-arm-none-eabi": () => tool("arm-none-eabi-size", ["--version"]),
  "libnewlib-arm-none-eabi": () => {
    const specs = tool("arm-none-eabi-gcc", ["-print-file-name=nano.specs"]);
    return specs instanceof Error || !existsSync(specs) ? new Error("newlib-nano (nano.specs) not found by arm-none-eabi-gcc") : specs;
  },
  wabt: () => {
    const version = tool("wasm2c", ["--version"]);
    if (version instanceof Error) return version;
    return ["/usr/include/wasm-rt.h", "/usr/src/wasm2c/wasm-rt.h"].some(existsSync) ? `wasm2c ${version}` : new Error("wasm2c is there but its wasm-rt.h is not");
  },
  make: () => tool("make", ["--version"]),
};

function tool(cmd: string, args: string[]): string | Error {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  if (r.error) return new Error(`${cmd}: not found`);
  if (r.status !== 0) return new Error(`${cmd} ${args.join(" ")} exited with ${r.status}`);
  return r.stdout.split("\n")[0].trim();
}

export interface DoctorReport {
  lines: string[];
  missing: string[];
  /** The command that installs what is missing (empty when nothing is). */
  install: string;
}

export function doctor(): DoctorReport {
  const packages = readFileSync(DEBIAN_PACKAGES, "utf8").split("\n").map((l) => l.trim()).filter(Boolean);
  const lines: string[] = [];
  const missing: string[] = [];
  // Node is there (this runs in it); its version goes in the report, for bug reports.
  lines.push(`ok      node ${process.versions.node}`);
  for (const p of packages) {
    const probe = PROBES[p];
    const found = probe ? probe() : new Error(`bulkhead does not know how to check ${p}`);
    if (found instanceof Error) missing.push(p);
    lines.push(found instanceof Error ? `MISSING ${p}: ${found.message}` : `ok      ${p}: ${found}`);
  }
  const install = missing.length ? `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing.join(" ")}` : "";
  return { lines, missing, install };
}
