// HMAC_DRBG with SHA-256 (NIST SP 800-90A Rev. 1, 10.1.2), without prediction resistance and
// without additional input: the deterministic half of a random number generator. What it is
// seeded with decides whether its output is random; that is the caller's business (the Crypto
// partition's entropy.ts).
import { HMAC_CONTEXT_SIZE, hmacFinish, hmacStart, hmacUpdate } from "./hmac";

const OUT_LEN: u32 = 32;
const K = memory.data(<i32>OUT_LEN);
const V = memory.data(<i32>OUT_LEN);
const ctx = memory.data(<i32>HMAC_CONTEXT_SIZE);
const separator = memory.data(1);

// K = HMAC(K, V || sep || data); V = HMAC(K, V).
function step(sep: u8, data: usize, len: u32): void {
  store<u8>(separator, sep);
  hmacStart(ctx, K, OUT_LEN, OUT_LEN);
  hmacUpdate(ctx, V, OUT_LEN);
  hmacUpdate(ctx, separator, 1);
  hmacUpdate(ctx, data, len);
  hmacFinish(ctx, K);
  hmacStart(ctx, K, OUT_LEN, OUT_LEN);
  hmacUpdate(ctx, V, OUT_LEN);
  hmacFinish(ctx, V);
}

// HMAC_DRBG_Update: one step, a second only when there is provided data.
function update(data: usize, len: u32): void {
  step(0x00, data, len);
  if (len != 0) step(0x01, data, len);
}

/** Instantiates from seed material: entropy input || nonce || personalization string. */
export function drbgInstantiate(seed: usize, len: u32): void {
  memory.fill(K, 0x00, OUT_LEN);
  memory.fill(V, 0x01, OUT_LEN);
  update(seed, len);
}

/** Writes n bytes of output to out: one SP 800-90A generate request. */
export function drbgGenerate(out: usize, n: u32): void {
  for (let done: u32 = 0; done < n; done += OUT_LEN) {
    hmacStart(ctx, K, OUT_LEN, OUT_LEN);
    hmacUpdate(ctx, V, OUT_LEN);
    hmacFinish(ctx, V);
    memory.copy(out + done, V, min(OUT_LEN, n - done));
  }
  update(0, 0);
}
