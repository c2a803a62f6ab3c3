import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

export const BUILD_DIR = join(process.cwd(), "build");
/** BULKHEAD_CACHE_DIR shares one cache between projects (and CI runs): entries are keyed by content. */
const CACHE_DIR = process.env.BULKHEAD_CACHE_DIR ? resolve(process.env.BULKHEAD_CACHE_DIR) : join(BUILD_DIR, "cache");

export function hashOf(...parts: (string | Buffer)[]): string {
  const h = createHash("sha256");
  for (const p of parts) {
    h.update(String(p.length));
    h.update(p);
  }
  return h.digest("hex").slice(0, 24);
}

export function hashFiles(paths: string[]): string {
  return hashOf(...paths.flatMap((p) => [p, readFileSync(p)]));
}

/**
 * Content-addressed build outputs: `produce` writes into a fresh directory that becomes
 * cache/<kind>/<key> only when it succeeds, so an interrupted step never leaves a half output
 * that a later build would trust. Every board/backend configuration shares these entries.
 */
export async function cached(kind: string, key: string, produce: (dir: string) => Promise<void>): Promise<{ dir: string; hit: boolean }> {
  const dir = join(CACHE_DIR, kind, key);
  if (existsSync(dir)) return { dir, hit: true };
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    await produce(tmp);
    renameSync(tmp, dir);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    // Another build (a parallel test) published the same entry first: its output is as good.
    if (existsSync(dir)) return { dir, hit: true };
    throw e;
  }
  return { dir, hit: false };
}

/** Writes through a temporary file, so a concurrent build never reads a half-written file. */
/** Names writeAtomic's files have while being written: readers of a directory skip them. */
export const isBeingWritten = (name: string) => /\.tmp-\d+$/.test(name);

export function writeAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
