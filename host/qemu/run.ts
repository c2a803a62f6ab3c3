import { spawn } from "node:child_process";
import type { Board } from "../board.js";

export interface QemuResult {
  /** The exit code the firmware reported through semihosting. */
  exitCode: number;
  /** Everything the UART printed. */
  uart: string;
}

export class QemuTimeout extends Error {}

/** icount: run with -icount shift=0, one instruction per ns of virtual time (deterministic). */
export function qemuArgs(board: Board, secureElf: string, nsElf: string, bootArg?: number, icount = false): string[] {
  const ram = board.nonSecure.ram;
  return [
    ...(icount ? ["-icount", "shift=0"] : []),
    "-M", board.qemuMachine, "-display", "none", "-monitor", "none", "-serial", "stdio",
    "-semihosting-config", "enable=on,target=native",
    "-kernel", secureElf, "-device", `loader,file=${nsElf}`,
    // The NS application's boot_arg() (boards/armv8m/ns/app_imports.c): the last word of NS RAM.
    ...(bootArg === undefined ? [] : ["-device", `loader,addr=0x${(ram.base + ram.size - 4).toString(16)},data=${bootArg},data-len=4`]),
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
  opts: { timeoutSeconds?: number; onUart?: (chunk: string) => void; bootArg?: number; icount?: boolean } = {},
): Promise<QemuResult> {
  const timeout = opts.timeoutSeconds ?? 30;
  return new Promise((resolve, reject) => {
    const qemu = spawn("qemu-system-arm", qemuArgs(board, secureElf, nsElf, opts.bootArg, opts.icount), { stdio: ["ignore", "pipe", "pipe"] });
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
