import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// node --test runs each test file in its own process: what a file made goes when it exits.
const made: string[] = [];
process.on("exit", () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory in the system temp dir, removed when the test file's process exits. */
export function tempDir(what: string): string {
  const dir = mkdtempSync(join(tmpdir(), `bulkhead-${what}-`));
  made.push(dir);
  return dir;
}
