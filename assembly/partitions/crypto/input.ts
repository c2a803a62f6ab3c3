// Client input reaches the partition through psa_read, a chunk at a time, so a message of any
// length is hashed without a buffer of its size.
import { psa_msg_t, psa_read } from "bulkhead/psa/service";
import { sha256Update } from "bulkhead/lib/sha256";

const CHUNK: u32 = 256;
export const chunk = memory.data(<i32>CHUNK);

/** Feeds all of in_vec[i] into a SHA-256/224 (or HMAC, whose inner hash it is) context. */
export function absorb(msg: psa_msg_t, i: u32, ctx: usize): void {
  let n: usize;
  while ((n = psa_read(msg.handle, i, chunk, CHUNK)) != 0) sha256Update(ctx, chunk, <u32>n);
}

/** Constant-time comparison of n bytes: a MAC or hash check must not leak where they differ. */
export function equalSecret(a: usize, b: usize, n: u32): bool {
  let diff: u32 = 0;
  for (let i: u32 = 0; i < n; i++) diff |= load<u8>(a + i) ^ load<u8>(b + i);
  return diff == 0;
}
