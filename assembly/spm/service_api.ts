// The PSA service API as partitions reach it (their "psa" imports). Buffers are offsets in the
// calling partition's linear memory; client buffers were checked when the call was made.
import { PSA_MAX_IOVEC } from "../psa/abi";
import { programmerError } from "./panic";
import { partitionAddress } from "./memory";
import {
  IN_BASE, IN_DONE, IN_SIZE, OUT_BASE, OUT_DONE, OUT_SIZE,
  currentMessage, msgPartition, setVecField, vecField,
} from "./message";
import { platform_mem_copy } from "./platform";

function messageFor(msgHandle: i32, api: string): usize {
  const m = currentMessage(msgHandle);
  if (m == 0) programmerError(api, "msg_handle does not name the message being served");
  return m;
}

// Moves up to n bytes of input vector idx, from its read cursor, into the partition's buffer (or
// nowhere for psa_skip). Returns the bytes moved.
function consume(m: usize, idx: u32, buffer: u32, n: u32, api: string, copy: bool): u32 {
  if (idx >= PSA_MAX_IOVEC) programmerError(api, "invec_idx out of range");
  const size = vecField(m, IN_SIZE, idx);
  const done = vecField(m, IN_DONE, idx);
  const k = min(n, size - done);
  if (copy && k != 0) {
    const dst = partitionAddress(msgPartition(m), buffer, k);
    if (dst == 0) programmerError(api, "buffer outside the partition's memory");
    platform_mem_copy(dst, vecField(m, IN_BASE, idx) + done, k);
  }
  setVecField(m, IN_DONE, idx, done + k);
  return k;
}

export function read(msgHandle: i32, idx: u32, buffer: u32, n: u32): u32 {
  return consume(messageFor(msgHandle, "psa_read"), idx, buffer, n, "psa_read", true);
}

export function skip(msgHandle: i32, idx: u32, n: u32): u32 {
  return consume(messageFor(msgHandle, "psa_skip"), idx, 0, n, "psa_skip", false);
}

export function write(msgHandle: i32, idx: u32, buffer: u32, n: u32): void {
  const m = messageFor(msgHandle, "psa_write");
  if (idx >= PSA_MAX_IOVEC) programmerError("psa_write", "outvec_idx out of range");
  const size = vecField(m, OUT_SIZE, idx);
  const done = vecField(m, OUT_DONE, idx);
  if (n > size - done) programmerError("psa_write", "more bytes than the output vector holds");
  if (n == 0) return;
  const src = partitionAddress(msgPartition(m), buffer, n);
  if (src == 0) programmerError("psa_write", "buffer outside the partition's memory");
  platform_mem_copy(vecField(m, OUT_BASE, idx) + done, src, n);
  setVecField(m, OUT_DONE, idx, done + n);
}
