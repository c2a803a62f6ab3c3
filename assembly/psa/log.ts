// A partition's log lines on the secure console (bulkhead_log; the SPM prefixes each line with the
// partition's name). For messages an operator must see, not for a data path: a line is copied out
// a character at a time.
@external("psa", "bulkhead_log")
export declare function bulkhead_log(buffer: usize, len: usize): void;

const LINE: i32 = 128;
const line = memory.data(LINE);

/** Prints s (ASCII) on the secure console; no allocation. */
export function log(s: string): void {
  const n = s.length;
  for (let done = 0; done < n; done += LINE) {
    const count = min(LINE, n - done);
    for (let i = 0; i < count; i++) store<u8>(line + i, <u8>s.charCodeAt(done + i));
    bulkhead_log(line, count);
  }
}
