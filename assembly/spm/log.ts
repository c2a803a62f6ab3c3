// A partition's log line on the secure console (TF-M's tfm_hal_output_sp_log): the bytes are
// copied out of the partition's memory through the SPM's own buffer, and every line is marked
// with the partition's name, so a partition can never pass itself off as the SPM or another
// partition. A buffer outside the partition's memory is a programmer error.
import { PARTITION_NAMES } from "bulkhead/spm_tables";
import { print } from "./console";
import { partitionAddress, spmAddress } from "./memory";
import { partitionError } from "./verdict";
import { platform_mem_copy, platform_putc } from "./platform";
import { callerPartition } from "./threads";

const CHUNK: u32 = 64;
const staging = memory.data(<i32>CHUNK);
const NEWLINE: u32 = 0x0a;
const NOBODY: u32 = 0xffffffff;
// The partition whose line is open: a line may come in several calls, and another partition's
// line must not run on into it.
let openLine = NOBODY;

export function log(buffer: u32, len: u32): void {
  if (len == 0) return;
  const p = callerPartition();
  const src = partitionAddress(p, buffer, len);
  if (src == 0) {
    partitionError("bulkhead_log", "buffer is NULL or outside the partition's memory");
    return;
  }
  if (openLine != p && openLine != NOBODY) platform_putc(NEWLINE);
  let startOfLine = openLine != p;
  for (let done: u32 = 0; done < len; done += CHUNK) {
    const n = min(CHUNK, len - done);
    platform_mem_copy(spmAddress(staging), src + done, n);
    for (let i: u32 = 0; i < n; i++) {
      if (startOfLine) {
        print("[");
        print(PARTITION_NAMES[p]);
        print("] ");
      }
      const c = <u32>load<u8>(staging + i);
      platform_putc(c);
      startOfLine = c == NEWLINE;
    }
  }
  openLine = startOfLine ? NOBODY : p;
}
