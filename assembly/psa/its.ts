// The PSA Internal Trusted Storage API (psa/internal_trusted_storage.h) for clients compiled to
// Wasm, NS or secure: each call is one psa_call to the ITS partition's stateless service.
// Pointers are offsets in the caller's memory, like every client API here.
import { TFM_INTERNAL_TRUSTED_STORAGE_SERVICE_HANDLE } from "psa_manifest/sid";
import { psa_call, psa_invec, psa_outvec, psa_status_t } from "./client";
import {
  TFM_ITS_GET, TFM_ITS_GET_INFO, TFM_ITS_REMOVE, TFM_ITS_SET, psa_storage_create_flags_t, psa_storage_info_t,
  psa_storage_uid_t,
} from "./storage_common";
export * from "./storage_common";

const VEC = offsetof<psa_invec>();
const inVecs = memory.data(<i32>(3 * VEC));
const outVec = memory.data(<i32>VEC);
const args = memory.data(16); // the uid, then a 32-bit argument

function vec(at: usize, base: usize, len: usize): void {
  store<usize>(at, base);
  store<usize>(at, len, 4);
}

function uidVec(uid: psa_storage_uid_t): void {
  store<u64>(args, uid);
  vec(inVecs, args, 8);
}

export function psa_its_set(uid: psa_storage_uid_t, data_length: usize, p_data: usize, create_flags: psa_storage_create_flags_t): psa_status_t {
  uidVec(uid);
  vec(inVecs + VEC, p_data, data_length);
  store<u32>(args, create_flags, 8);
  vec(inVecs + 2 * VEC, args + 8, 4);
  return psa_call(TFM_INTERNAL_TRUSTED_STORAGE_SERVICE_HANDLE, TFM_ITS_SET, inVecs, 3, 0, 0);
}

// On success *p_data_length (a usize at that offset) is the number of bytes written to p_data.
export function psa_its_get(uid: psa_storage_uid_t, data_offset: usize, data_size: usize, p_data: usize, p_data_length: usize): psa_status_t {
  uidVec(uid);
  store<u32>(args, <u32>data_offset, 8);
  vec(inVecs + VEC, args + 8, 4);
  vec(outVec, p_data, data_size);
  const status = psa_call(TFM_INTERNAL_TRUSTED_STORAGE_SERVICE_HANDLE, TFM_ITS_GET, inVecs, 2, outVec, 1);
  if (status == 0) store<usize>(p_data_length, load<usize>(outVec, 4));
  return status;
}

export function psa_its_get_info(uid: psa_storage_uid_t, p_info: usize): psa_status_t {
  uidVec(uid);
  vec(outVec, p_info, offsetof<psa_storage_info_t>());
  return psa_call(TFM_INTERNAL_TRUSTED_STORAGE_SERVICE_HANDLE, TFM_ITS_GET_INFO, inVecs, 1, outVec, 1);
}

export function psa_its_remove(uid: psa_storage_uid_t): psa_status_t {
  uidVec(uid);
  return psa_call(TFM_INTERNAL_TRUSTED_STORAGE_SERVICE_HANDLE, TFM_ITS_REMOVE, inVecs, 1, 0, 0);
}
