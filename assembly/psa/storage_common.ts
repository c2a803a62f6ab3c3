// PSA Secure Storage API (1.0) types and flags, and the message layout between the Internal
// Trusted Storage partition and its client library (assembly/psa/its.ts, and the C library beside
// psa/internal_trusted_storage.h), which must agree.
export type psa_storage_uid_t = u64;
export type psa_storage_create_flags_t = u32;

export const PSA_STORAGE_FLAG_NONE: u32 = 0;
export const PSA_STORAGE_FLAG_WRITE_ONCE: u32 = 1 << 0;
export const PSA_STORAGE_FLAG_NO_CONFIDENTIALITY: u32 = 1 << 1;
export const PSA_STORAGE_FLAG_NO_REPLAY_PROTECTION: u32 = 1 << 2;

// psa_storage_info_t: capacity, size, flags (32-bit size_t).
@unmanaged
export class psa_storage_info_t {
  capacity: u32;
  size: u32;
  flags: u32;
}

// psa_call types of the ITS service (TF-M's values). The uid is always in_vec[0] (8 bytes).
// SET: in_vec[1] data, in_vec[2] create flags (4 bytes). GET: in_vec[1] offset (4 bytes), out_vec[0]
// the data. GET_INFO: out_vec[0] a psa_storage_info_t. REMOVE: the uid only.
export const TFM_ITS_SET: i32 = 1001;
export const TFM_ITS_GET: i32 = 1002;
export const TFM_ITS_GET_INFO: i32 = 1003;
export const TFM_ITS_REMOVE: i32 = 1004;

// The largest object the store keeps, and how many objects (all clients together).
export const ITS_MAX_ASSET_SIZE: u32 = 512;
export const ITS_NUM_ASSETS: u32 = 16;
