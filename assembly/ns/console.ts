// Console output of the NS application: bytes go to the platform's NS console, which is the
// board UART on the target and the runner's output on the host.
@external("ns", "console_write")
declare function ns_console_write(buf: usize, len: usize): void;

const LINE = memory.data(256);

export function print(s: string): void {
  let n = 0;
  for (let i = 0; i < s.length && n < 256; i++) store<u8>(LINE + n++, <u8>s.charCodeAt(i));
  ns_console_write(LINE, n);
}

export function hex(v: u32, digits: i32 = 4): string {
  let s = "";
  for (let i = digits - 1; i >= 0; i--) {
    const d = (v >> (<u32>i * 4)) & 0xf;
    s += String.fromCharCode(d < 10 ? 0x30 + d : 0x57 + d);
  }
  return "0x" + s;
}
