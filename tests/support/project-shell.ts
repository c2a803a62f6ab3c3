import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "../../host/image/wasm.ts";

/**
 * The environment a user's shell gives a project's commands: none of the outer `npm test` run's
 * npm_* settings; npm's cache first (no network needed); and this tree's build cache, which a
 * project shares as CI does, since its entries are keyed by content.
 */
export const projectEnv: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith("npm_"))),
  BULKHEAD_CACHE_DIR: join(ROOT, "build", "cache"),
  npm_config_prefer_offline: "true",
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
};

const CLI = join(ROOT, "bin", "bulkhead.js");

/** Runs a command in a project folder: its exit code, stdout and stderr. */
export function runIn(cwd: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(cmd, args, { cwd, env: { ...projectEnv, ...env }, encoding: "utf8", maxBuffer: 64 << 20 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Runs a command that must succeed; its output, or a failed assertion with all of it. */
export function sh(cwd: string, cmd: string, args: string[]): string {
  const r = runIn(cwd, cmd, args);
  assert.equal(r.code, 0, `${cmd} ${args.join(" ")} in ${cwd} exited with ${r.code}:\n${r.out}\n${r.err}`);
  return r.out + r.err;
}

/** This tree's bulkhead command, which must succeed; or runBulkhead, for what it says when it fails. */
export const bulkhead = (cwd: string, args: string[]) => sh(cwd, process.execPath, [CLI, ...args]);
export const runBulkhead = (cwd: string, args: string[], env?: NodeJS.ProcessEnv) => runIn(cwd, process.execPath, [CLI, ...args], env);
