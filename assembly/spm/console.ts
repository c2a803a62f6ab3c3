import { platform_putc } from "./platform";

// The SPM prints from its own static strings; no allocation, no formatting library.
export function print(s: string): void {
  const n = s.length;
  for (let i = 0; i < n; i++) platform_putc(<u32>s.charCodeAt(i));
}

export function printDec(v: i32): void {
  if (v < 0) {
    platform_putc(0x2d);
    v = -v;
  }
  let div: u32 = 1;
  while (<u32>v / div >= 10) div *= 10;
  while (div > 0) {
    platform_putc(0x30 + (<u32>v / div) % 10);
    div /= 10;
  }
}

// "[SPM] partition NAME (pid N)", how the SPM's lines about a partition begin.
export function printPartition(name: string, pid: i32): void {
  print("[SPM] partition ");
  print(name);
  print(" (pid ");
  printDec(pid);
  print(")");
}

export function printHex(v: u32): void {
  print("0x");
  for (let shift = 28; shift >= 0; shift -= 4) {
    const d = (v >> shift) & 0xf;
    platform_putc(d < 10 ? 0x30 + d : 0x57 + d);
  }
}
