/**
 * The PSA status codes, read from the one place they are defined for bulkhead's AssemblyScript
 * (assembly/psa/status.ts, TF-M's psa/error.h values), so host code and tests never restate them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./image/wasm.js";

const SOURCE = join(ROOT, "assembly", "psa", "status.ts");

function read(): Record<string, number> {
  const codes = Object.fromEntries([...readFileSync(SOURCE, "utf8").matchAll(/^export const (PSA_\w+): psa_status_t = (-?\d+);$/gm)].map((m) => [m[1], Number(m[2])]));
  return new Proxy(codes, {
    get: (t, name: string) => {
      if (!(name in t)) throw new Error(`${name} is not a status code in ${SOURCE}`);
      return t[name];
    },
  });
}

export const psaStatus: Readonly<Record<string, number>> = read();
