// Client input reaches the partition through psa_read, a chunk at a time, so a message of any
// length is hashed without a buffer of its size.
import { psa_msg_t, psa_read } from "../../psa/service";
import { sha256Update } from "../../lib/sha256";

const CHUNK: u32 = 256;
export const chunk = memory.data(<i32>CHUNK);

/** Feeds all of in_vec[i] into a SHA-256/224 (or HMAC, whose inner hash it is) context. */
export function absorb(msg: psa_msg_t, i: u32, ctx: usize): void {
  let n: usize;
  while ((n = psa_read(msg.handle, i, chunk, CHUNK)) != 0) sha256Update(ctx, chunk, <u32>n);
}

/** Reads in_vec[i] whole into buf when it is exactly `size` bytes; false otherwise. */
export function readExact(msg: psa_msg_t, i: u32, buf: usize, size: u32): bool {
  return msg.in_size(i) == size && psa_read(msg.handle, i, buf, size) == size;
}

/** Reads in_vec[i] whole into buf when it is at most `max` bytes; its length, or -1. */
export function readUpTo(msg: psa_msg_t, i: u32, buf: usize, max: u32): i32 {
  const size = <u32>msg.in_size(i);
  return size <= max && psa_read(msg.handle, i, buf, size) == size ? <i32>size : -1;
}

/** Constant-time comparison of n bytes: a MAC or hash check must not leak where they differ. */
export function equalSecret(a: usize, b: usize, n: u32): bool {
  let diff: u32 = 0;
  for (let i: u32 = 0; i < n; i++) diff |= load<u8>(a + i) ^ load<u8>(b + i);
  return diff == 0;
}
