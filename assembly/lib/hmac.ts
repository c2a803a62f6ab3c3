// HMAC (FIPS 198-1, RFC 2104) over SHA-256 or SHA-224, in a caller-owned context, so that the
// message can arrive in parts. The key is folded into the context at the start and never kept
// beyond it: the inner hash state and the outer padded key are all a context holds.
import { SHA256_CONTEXT_SIZE, sha256Final, sha256Init, sha256Update } from "./sha256";

const OUTER = SHA256_CONTEXT_SIZE; // the key XOR opad (one block)
const DIGEST = OUTER + 64; // the digest size: 32 (SHA-256) or 28 (SHA-224)
export const HMAC_CONTEXT_SIZE: u32 = DIGEST + 4;
const BLOCK: u32 = 64;

// The key padded to a block, then the inner digest: neither outlives a call.
const scratch = memory.data(<i32>BLOCK);

/** Starts an HMAC with this key; digestSize 28 selects SHA-224. */
export function hmacStart(ctx: usize, key: usize, keyLen: u32, digestSize: u32): void {
  const sha224 = digestSize == 28;
  memory.fill(scratch, 0, BLOCK);
  if (keyLen > BLOCK) {
    // RFC 2104: a key longer than a block is replaced by its hash.
    sha256Init(ctx, sha224);
    sha256Update(ctx, key, keyLen);
    sha256Final(ctx, scratch, digestSize);
  } else {
    memory.copy(scratch, key, keyLen);
  }
  for (let i: u32 = 0; i < BLOCK; i++) {
    const k = load<u8>(scratch + i);
    store<u8>(ctx + OUTER + i, k ^ 0x5c);
    store<u8>(scratch + i, k ^ 0x36);
  }
  store<u32>(ctx + DIGEST, digestSize);
  sha256Init(ctx, sha224);
  sha256Update(ctx, scratch, BLOCK);
  memory.fill(scratch, 0, BLOCK);
}

/** Feeds len more bytes of the message. */
export function hmacUpdate(ctx: usize, data: usize, len: u32): void {
  sha256Update(ctx, data, len);
}

/** Writes the MAC (the digest size's bytes) to out; the context must be started again to reuse. */
export function hmacFinish(ctx: usize, out: usize): void {
  const size = load<u32>(ctx + DIGEST);
  sha256Final(ctx, scratch, size);
  sha256Init(ctx, size == 28);
  sha256Update(ctx, ctx + OUTER, BLOCK);
  sha256Update(ctx, scratch, size);
  sha256Final(ctx, out, size);
  memory.fill(scratch, 0, BLOCK);
  memory.fill(ctx + OUTER, 0, BLOCK);
}
