// PSA Certified Crypto API 1.1 types and encodings (psa/crypto_values.h, psa/crypto_types.h) for
// the subset bulkhead's Crypto partition implements, and the message layout between that
// partition and its client libraries (assembly/psa/crypto.ts, boards/armv8m/ns/psa_crypto.c),
// which must agree.
export type psa_algorithm_t = u32;
export type psa_key_id_t = u32;
export type psa_key_type_t = u16;
export type psa_key_usage_t = u32;
export type psa_key_lifetime_t = u32;

export const PSA_ALG_NONE: u32 = 0;
export const PSA_ALG_SHA_224: u32 = 0x02000008;
export const PSA_ALG_SHA_256: u32 = 0x02000009;
const PSA_ALG_CATEGORY_MASK: u32 = 0x7f000000;
const PSA_ALG_CATEGORY_HASH: u32 = 0x02000000;
const PSA_ALG_CATEGORY_MAC: u32 = 0x03000000;
const PSA_ALG_HASH_MASK: u32 = 0x000000ff;
const PSA_ALG_HMAC_BASE: u32 = 0x03800000;
const PSA_ALG_MAC_SUBCATEGORY_MASK: u32 = 0x00c00000;
export const PSA_ALG_MAC_TRUNCATION_MASK: u32 = 0x003f0000;
const PSA_MAC_TRUNCATION_OFFSET: u32 = 16;
export const PSA_ALG_MAC_AT_LEAST_THIS_LENGTH_FLAG: u32 = 0x00008000;

@inline export function PSA_ALG_IS_HASH(alg: u32): bool { return (alg & PSA_ALG_CATEGORY_MASK) == PSA_ALG_CATEGORY_HASH; }
@inline export function PSA_ALG_IS_MAC(alg: u32): bool { return (alg & PSA_ALG_CATEGORY_MASK) == PSA_ALG_CATEGORY_MAC; }
@inline export function PSA_ALG_IS_HMAC(alg: u32): bool {
  return (alg & (PSA_ALG_CATEGORY_MASK | PSA_ALG_MAC_SUBCATEGORY_MASK)) == PSA_ALG_HMAC_BASE;
}
@inline export function PSA_ALG_HMAC(hash: u32): u32 { return PSA_ALG_HMAC_BASE | (hash & PSA_ALG_HASH_MASK); }
@inline export function PSA_ALG_HMAC_GET_HASH(alg: u32): u32 { return PSA_ALG_CATEGORY_HASH | (alg & PSA_ALG_HASH_MASK); }
@inline export function PSA_ALG_TRUNCATED_MAC(alg: u32, length: u32): u32 {
  return (alg & ~(PSA_ALG_MAC_TRUNCATION_MASK | PSA_ALG_MAC_AT_LEAST_THIS_LENGTH_FLAG)) | (length << PSA_MAC_TRUNCATION_OFFSET);
}
@inline export function PSA_ALG_FULL_LENGTH_MAC(alg: u32): u32 {
  return alg & ~(PSA_ALG_MAC_TRUNCATION_MASK | PSA_ALG_MAC_AT_LEAST_THIS_LENGTH_FLAG);
}
@inline export function PSA_MAC_TRUNCATED_LENGTH(alg: u32): u32 {
  return (alg & PSA_ALG_MAC_TRUNCATION_MASK) >> PSA_MAC_TRUNCATION_OFFSET;
}

export const PSA_KEY_TYPE_NONE: u16 = 0x0000;
export const PSA_KEY_TYPE_RAW_DATA: u16 = 0x1001;
export const PSA_KEY_TYPE_HMAC: u16 = 0x1100;

export const PSA_KEY_USAGE_EXPORT: u32 = 0x00000001;
export const PSA_KEY_USAGE_COPY: u32 = 0x00000002;
export const PSA_KEY_USAGE_SIGN_MESSAGE: u32 = 0x00000400;
export const PSA_KEY_USAGE_VERIFY_MESSAGE: u32 = 0x00000800;
export const PSA_KEY_USAGE_SIGN_HASH: u32 = 0x00001000;
export const PSA_KEY_USAGE_VERIFY_HASH: u32 = 0x00002000;

export const PSA_KEY_LIFETIME_VOLATILE: u32 = 0x00000000;
export const PSA_KEY_ID_NULL: u32 = 0;

export const PSA_HASH_MAX_SIZE: u32 = 32;
export const PSA_MAC_MAX_SIZE: u32 = 32;

// psa_key_attributes_t as it crosses the boundary (TF-M's psa_client_key_attributes_s, without
// alg2): type, bits, lifetime, id, usage, alg. 20 bytes, little-endian.
@unmanaged
export class psa_key_attributes_t {
  type: u16;
  bits: u16;
  lifetime: u32;
  id: u32;
  usage: u32;
  alg: u32;
}

// psa_call types of the Crypto service. in_vec[0] is always a crypto_request (12 bytes) except
// for IMPORT_KEY, whose in_vec[0] is the attributes. A result's length is the bytes the service
// wrote to out_vec[0].
//   INIT: nothing.                        HASH_COMPUTE: in[1] input; out[0] hash.
//   HASH_COMPARE: in[1] input, in[2] hash. HASH_SETUP: out[0] the operation handle (4 bytes).
//   HASH_UPDATE: in[1] input.              HASH_FINISH: out[0] hash.
//   HASH_VERIFY: in[1] hash.               HASH_ABORT: nothing more.
//   IMPORT_KEY: in[1] key data; out[0] key id (4 bytes).   DESTROY_KEY: nothing more.
//   GET_KEY_ATTRIBUTES: out[0] attributes. MAC_COMPUTE: in[1] input; out[0] mac.
//   MAC_VERIFY: in[1] input, in[2] mac.    GENERATE_RANDOM: out[0] the output; no in_vec.
export const TFM_CRYPTO_INIT: i32 = 2001;
export const TFM_CRYPTO_HASH_COMPUTE: i32 = 2002;
export const TFM_CRYPTO_HASH_COMPARE: i32 = 2003;
export const TFM_CRYPTO_HASH_SETUP: i32 = 2004;
export const TFM_CRYPTO_HASH_UPDATE: i32 = 2005;
export const TFM_CRYPTO_HASH_FINISH: i32 = 2006;
export const TFM_CRYPTO_HASH_VERIFY: i32 = 2007;
export const TFM_CRYPTO_HASH_ABORT: i32 = 2008;
export const TFM_CRYPTO_IMPORT_KEY: i32 = 2009;
export const TFM_CRYPTO_DESTROY_KEY: i32 = 2010;
export const TFM_CRYPTO_GET_KEY_ATTRIBUTES: i32 = 2011;
export const TFM_CRYPTO_MAC_COMPUTE: i32 = 2012;
export const TFM_CRYPTO_MAC_VERIFY: i32 = 2013;
export const TFM_CRYPTO_GENERATE_RANDOM: i32 = 2014;
export const TFM_CRYPTO_HASH_CLONE: i32 = 2015;

// in_vec[0] of every call but IMPORT_KEY: the algorithm, the key id, the hash operation's handle
// (0: none). A multipart hash operation lives in the partition; the client holds only its handle.
@unmanaged
export class crypto_request {
  alg: u32;
  key: u32;
  op: u32;
}
