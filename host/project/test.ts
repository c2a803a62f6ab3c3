/**
 * `bulkhead test`: a project's tests under Node's own runner, with TypeScript loaded through this
 * bulkhead's tsx, so a project needs no test tooling of its own to use bulkhead/testing.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { ProjectError } from "./config.js";

const TEST_FILE = /\.test\.(ts|mts|js|mjs)$/;

function testsBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().flatMap((e) => {
    const p = join(dir, e);
    if (e === "node_modules" || e === "build") return [];
    return statSync(p).isDirectory() ? testsBelow(p) : TEST_FILE.test(e) ? [p] : [];
  });
}

export async function runTests(files: string[]): Promise<number> {
  const chosen = files.length ? files : testsBelow("tests");
  const missing = chosen.filter((f) => !existsSync(f));
  if (missing.length) throw new ProjectError(`no such test file: ${missing.join(", ")}`);
  if (chosen.length === 0) throw new ProjectError(`no tests found: bulkhead test runs tests/**/*.test.{ts,mts,js,mjs} under ${process.cwd()}, or the files it is given`);
  // A run of its own, even when started from inside another node --test run (which sets this).
  const { NODE_TEST_CONTEXT: _, ...env } = process.env;
  const child = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), "--test", ...chosen], { stdio: "inherit", env });
  return new Promise((done) => child.on("exit", (code, signal) => done(code ?? (signal ? 1 : 0))));
}
