// SHA-256 (FIPS 180-4) over linear memory, one block at a time, so that a caller can hash in
// parts (multipart PSA hash operations) or all at once (sha256). No allocation: the state lives in
// a caller-owned context of SHA256_CONTEXT_SIZE bytes.

// Context layout: H0..H7 (32 bytes), the pending block (64), its fill (4), bytes hashed (u32 × 2).
export const SHA256_CONTEXT_SIZE: u32 = 108;
export const SHA256_DIGEST_SIZE: u32 = 32;
const BLOCK: u32 = 64;
const PENDING: u32 = 32;
const FILL: u32 = 96;
const TOTAL_LO: u32 = 100;
const TOTAL_HI: u32 = 104;

const K: StaticArray<u32> = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

const IV256: StaticArray<u32> = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
const IV224: StaticArray<u32> = [0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4];

// The message schedule of the block being compressed.
const W = memory.data(64 * 4);

/** Starts a SHA-256 (or, with the SHA-224 initial values, SHA-224) computation. */
export function sha256Init(ctx: usize, sha224: bool = false): void {
  const iv = sha224 ? IV224 : IV256;
  for (let i = 0; i < 8; i++) store<u32>(ctx + (<usize>i << 2), unchecked(iv[i]));
  store<u32>(ctx + FILL, 0);
  store<u32>(ctx + TOTAL_LO, 0);
  store<u32>(ctx + TOTAL_HI, 0);
}

function compress(ctx: usize, block: usize): void {
  for (let t: usize = 0; t < 16; t++) store<u32>(W + (t << 2), bswap<u32>(load<u32>(block + (t << 2))));
  for (let t: usize = 16; t < 64; t++) {
    const w15 = load<u32>(W + ((t - 15) << 2));
    const w2 = load<u32>(W + ((t - 2) << 2));
    const s0 = rotr<u32>(w15, 7) ^ rotr<u32>(w15, 18) ^ (w15 >>> 3);
    const s1 = rotr<u32>(w2, 17) ^ rotr<u32>(w2, 19) ^ (w2 >>> 10);
    store<u32>(W + (t << 2), load<u32>(W + ((t - 16) << 2)) + s0 + load<u32>(W + ((t - 7) << 2)) + s1);
  }
  let a = load<u32>(ctx), b = load<u32>(ctx, 4), c = load<u32>(ctx, 8), d = load<u32>(ctx, 12);
  let e = load<u32>(ctx, 16), f = load<u32>(ctx, 20), g = load<u32>(ctx, 24), h = load<u32>(ctx, 28);
  for (let t = 0; t < 64; t++) {
    const t1 = h + (rotr<u32>(e, 6) ^ rotr<u32>(e, 11) ^ rotr<u32>(e, 25)) + ((e & f) ^ (~e & g)) + unchecked(K[t]) + load<u32>(W + (<usize>t << 2));
    const t2 = (rotr<u32>(a, 2) ^ rotr<u32>(a, 13) ^ rotr<u32>(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    h = g; g = f; f = e; e = d + t1;
    d = c; c = b; b = a; a = t1 + t2;
  }
  store<u32>(ctx, load<u32>(ctx) + a); store<u32>(ctx, load<u32>(ctx, 4) + b, 4);
  store<u32>(ctx, load<u32>(ctx, 8) + c, 8); store<u32>(ctx, load<u32>(ctx, 12) + d, 12);
  store<u32>(ctx, load<u32>(ctx, 16) + e, 16); store<u32>(ctx, load<u32>(ctx, 20) + f, 20);
  store<u32>(ctx, load<u32>(ctx, 24) + g, 24); store<u32>(ctx, load<u32>(ctx, 28) + h, 28);
}

/** Hashes len more bytes at data. */
export function sha256Update(ctx: usize, data: usize, len: u32): void {
  const lo = load<u32>(ctx + TOTAL_LO);
  store<u32>(ctx + TOTAL_LO, lo + len);
  if (lo + len < lo) store<u32>(ctx + TOTAL_HI, load<u32>(ctx + TOTAL_HI) + 1);
  let fill = load<u32>(ctx + FILL);
  if (fill != 0) {
    const take = min(BLOCK - fill, len);
    memory.copy(ctx + PENDING + fill, data, take);
    fill += take;
    data += take;
    len -= take;
    if (fill < BLOCK) {
      store<u32>(ctx + FILL, fill);
      return;
    }
    compress(ctx, ctx + PENDING);
  }
  while (len >= BLOCK) {
    compress(ctx, data);
    data += BLOCK;
    len -= BLOCK;
  }
  memory.copy(ctx + PENDING, data, len);
  store<u32>(ctx + FILL, len);
}

/** Pads, and writes the digest's first `size` bytes (32 for SHA-256, 28 for SHA-224) to out. */
export function sha256Final(ctx: usize, out: usize, size: u32 = SHA256_DIGEST_SIZE): void {
  let fill = load<u32>(ctx + FILL);
  const bits = (<u64>load<u32>(ctx + TOTAL_HI) << 35) | (<u64>load<u32>(ctx + TOTAL_LO) << 3);
  store<u8>(ctx + PENDING + fill++, 0x80);
  if (fill > BLOCK - 8) {
    memory.fill(ctx + PENDING + fill, 0, BLOCK - fill);
    compress(ctx, ctx + PENDING);
    fill = 0;
  }
  memory.fill(ctx + PENDING + fill, 0, BLOCK - 8 - fill);
  store<u64>(ctx + PENDING + BLOCK - 8, bswap<u64>(bits));
  compress(ctx, ctx + PENDING);
  for (let i: u32 = 0; i < size; i += 4) {
    const word = load<u32>(ctx + i);
    for (let k: u32 = 0; k < 4 && i + k < size; k++) store<u8>(out + i + k, <u8>(word >>> (24 - 8 * k)));
  }
}

/** The SHA-256 digest of len bytes at data, into out (32 bytes); ctx is scratch. */
export function sha256(ctx: usize, data: usize, len: u32, out: usize): void {
  sha256Init(ctx);
  sha256Update(ctx, data, len);
  sha256Final(ctx, out);
}
