import { spawn } from "node:child_process";
import type { Board } from "../board.js";

export interface QemuResult {
  /** The exit code the firmware reported through semihosting. */
  exitCode: number;
  /** Everything the UART printed. */
  uart: string;
}

export class QemuTimeout extends Error {}

export function qemuArgs(board: Board, secureElf: string, nsElf: string): string[] {
  return [
    "-M", board.qemuMachine, "-display", "none", "-monitor", "none", "-serial", "stdio",
    "-semihosting-config", "enable=on,target=native",
    "-kernel", secureElf, "-device", `loader,file=${nsElf}`,
  ];
}

/**
 * Boots the secure and NS images; UART bytes go to onUart as they arrive. Resolves with the
 * firmware's semihosting exit code; rejects if the image has not exited within timeoutSeconds.
 */
export function runQemu(
  board: Board,
  secureElf: string,
  nsElf: string,
  opts: { timeoutSeconds?: number; onUart?: (chunk: string) => void } = {},
): Promise<QemuResult> {
  const timeout = opts.timeoutSeconds ?? 30;
  return new Promise((resolve, reject) => {
    const qemu = spawn("qemu-system-arm", qemuArgs(board, secureElf, nsElf), { stdio: ["ignore", "pipe", "pipe"] });
    let uart = "";
    let stderr = "";
    qemu.stdout.setEncoding("latin1");
    qemu.stdout.on("data", (d: string) => {
      uart += d;
      opts.onUart?.(d);
    });
    qemu.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => {
      qemu.kill("SIGKILL");
      reject(new QemuTimeout(`QEMU (${board.qemuMachine}) did not exit within ${timeout} s: the image hung or never reported an exit code. UART so far:\n${uart}`));
    }, timeout * 1000);
    qemu.on("error", (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new Error(e.code === "ENOENT" ? "qemu-system-arm is not installed: run `npm run setup`" : e.message));
    });
    qemu.on("close", (code, signal) => {
      clearTimeout(timer);
      if (signal) return;
      if (stderr.trim() && code !== 0 && uart === "") return reject(new Error(`QEMU failed to start (exit ${code}):\n${stderr}`));
      resolve({ exitCode: code ?? 1, uart });
    });
  });
}
