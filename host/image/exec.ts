import { spawn } from "node:child_process";

export class ToolError extends Error {}

/** Runs a tool; on failure the error carries its command line and everything it printed. */
export function run(cmd: string, args: string[], opts: { cwd?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", (e: NodeJS.ErrnoException) =>
      reject(new ToolError(e.code === "ENOENT" ? `${cmd} is not installed: run \`npm run setup\`` : `${cmd}: ${e.message}`)),
    );
    child.on("close", (code) =>
      code === 0 ? resolve(out) : reject(new ToolError(`${cmd} failed (exit ${code}):\n  ${cmd} ${args.join(" ")}\n${out}`)),
    );
  });
}
