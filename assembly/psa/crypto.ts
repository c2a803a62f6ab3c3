// The PSA Crypto API (psa/crypto.h) subset bulkhead's Crypto partition serves, for clients
// compiled to Wasm, NS or secure: each call is one psa_call to its stateless service. Pointers
// are offsets in the caller's memory; a *_length or key-ID out-parameter is written there.
import { TFM_CRYPTO_HANDLE } from "psa_manifest/sid";
import { psa_call, psa_invec, psa_status_t } from "./client";
import {
  TFM_CRYPTO_DESTROY_KEY, TFM_CRYPTO_GENERATE_RANDOM, TFM_CRYPTO_GET_KEY_ATTRIBUTES, TFM_CRYPTO_HASH_ABORT,
  TFM_CRYPTO_HASH_COMPARE, TFM_CRYPTO_HASH_COMPUTE, TFM_CRYPTO_HASH_FINISH, TFM_CRYPTO_HASH_SETUP,
  TFM_CRYPTO_HASH_UPDATE, TFM_CRYPTO_HASH_VERIFY, TFM_CRYPTO_IMPORT_KEY, TFM_CRYPTO_INIT, TFM_CRYPTO_MAC_COMPUTE,
  TFM_CRYPTO_MAC_VERIFY, crypto_request, psa_key_attributes_t,
} from "./crypto_values";
export * from "./crypto_values";

// A multipart hash operation: the partition's handle for it, 0 while inactive
// (PSA_HASH_OPERATION_INIT is a zeroed one).
@unmanaged
export class psa_hash_operation_t {
  handle: u32;
}

const VEC = offsetof<psa_invec>();
const inVecs = memory.data(<i32>(3 * VEC));
const outVec = memory.data(<i32>VEC);
const request = memory.data(<i32>offsetof<crypto_request>());
const word = memory.data(4);
const target = memory.data(4);

function vec(at: usize, base: usize, len: usize): void {
  store<usize>(at, base);
  store<usize>(at, len, 4);
}

// in_vec[0] is the request; `inputs` more in_vecs follow, set by the caller.
function call(type: i32, alg: u32, key: u32, op: u32, inputs: u32, out: usize, outSize: usize): psa_status_t {
  const r = changetype<crypto_request>(request);
  r.alg = alg;
  r.key = key;
  r.op = op;
  vec(inVecs, request, offsetof<crypto_request>());
  vec(outVec, out, outSize);
  return psa_call(TFM_CRYPTO_HANDLE, type, inVecs, 1 + inputs, outVec, out != 0 ? 1 : 0);
}

// What the service wrote to out_vec[0].
@inline function written(): usize { return load<usize>(outVec, 4); }

export function psa_crypto_init(): psa_status_t {
  return psa_call(TFM_CRYPTO_HANDLE, TFM_CRYPTO_INIT, 0, 0, 0, 0);
}

export function psa_hash_compute(alg: u32, input: usize, input_length: usize, hash: usize, hash_size: usize, hash_length: usize): psa_status_t {
  vec(inVecs + VEC, input, input_length);
  const status = call(TFM_CRYPTO_HASH_COMPUTE, alg, 0, 0, 1, hash, hash_size);
  store<usize>(hash_length, status == 0 ? written() : 0);
  return status;
}

export function psa_hash_compare(alg: u32, input: usize, input_length: usize, hash: usize, hash_length: usize): psa_status_t {
  vec(inVecs + VEC, input, input_length);
  vec(inVecs + 2 * VEC, hash, hash_length);
  return call(TFM_CRYPTO_HASH_COMPARE, alg, 0, 0, 2, 0, 0);
}

export function psa_hash_setup(operation: psa_hash_operation_t, alg: u32): psa_status_t {
  const status = call(TFM_CRYPTO_HASH_SETUP, alg, 0, operation.handle, 0, word, 4);
  if (status == 0) operation.handle = load<u32>(word);
  return status;
}

export function psa_hash_update(operation: psa_hash_operation_t, input: usize, input_length: usize): psa_status_t {
  vec(inVecs + VEC, input, input_length);
  return call(TFM_CRYPTO_HASH_UPDATE, 0, 0, operation.handle, 1, 0, 0);
}

export function psa_hash_finish(operation: psa_hash_operation_t, hash: usize, hash_size: usize, hash_length: usize): psa_status_t {
  const status = call(TFM_CRYPTO_HASH_FINISH, 0, 0, operation.handle, 0, hash, hash_size);
  store<usize>(hash_length, status == 0 ? written() : 0);
  if (status == 0) operation.handle = 0;
  return status;
}

export function psa_hash_verify(operation: psa_hash_operation_t, hash: usize, hash_length: usize): psa_status_t {
  vec(inVecs + VEC, hash, hash_length);
  const status = call(TFM_CRYPTO_HASH_VERIFY, 0, 0, operation.handle, 1, 0, 0);
  if (status == 0) operation.handle = 0;
  return status;
}

export function psa_hash_abort(operation: psa_hash_operation_t): psa_status_t {
  const status = call(TFM_CRYPTO_HASH_ABORT, 0, 0, operation.handle, 0, 0, 0);
  operation.handle = 0;
  return status;
}

export function psa_hash_clone(source_operation: psa_hash_operation_t, target_operation: psa_hash_operation_t): psa_status_t {
  store<u32>(target, target_operation.handle);
  vec(inVecs + VEC, target, 4);
  const status = call(TFM_CRYPTO_HASH_CLONE, 0, 0, source_operation.handle, 1, word, 4);
  if (status == 0) target_operation.handle = load<u32>(word);
  return status;
}

export function psa_import_key(attributes: psa_key_attributes_t, data: usize, data_length: usize, key: usize): psa_status_t {
  vec(inVecs, changetype<usize>(attributes), offsetof<psa_key_attributes_t>());
  vec(inVecs + VEC, data, data_length);
  vec(outVec, word, 4);
  const status = psa_call(TFM_CRYPTO_HANDLE, TFM_CRYPTO_IMPORT_KEY, inVecs, 2, outVec, 1);
  store<u32>(key, status == 0 ? load<u32>(word) : 0);
  return status;
}

export function psa_destroy_key(key: u32): psa_status_t {
  return call(TFM_CRYPTO_DESTROY_KEY, 0, key, 0, 0, 0, 0);
}

export function psa_get_key_attributes(key: u32, attributes: psa_key_attributes_t): psa_status_t {
  return call(TFM_CRYPTO_GET_KEY_ATTRIBUTES, 0, key, 0, 0, changetype<usize>(attributes), offsetof<psa_key_attributes_t>());
}

export function psa_mac_compute(key: u32, alg: u32, input: usize, input_length: usize, mac: usize, mac_size: usize, mac_length: usize): psa_status_t {
  vec(inVecs + VEC, input, input_length);
  const status = call(TFM_CRYPTO_MAC_COMPUTE, alg, key, 0, 1, mac, mac_size);
  store<usize>(mac_length, status == 0 ? written() : 0);
  return status;
}

export function psa_mac_verify(key: u32, alg: u32, input: usize, input_length: usize, mac: usize, mac_length: usize): psa_status_t {
  vec(inVecs + VEC, input, input_length);
  vec(inVecs + 2 * VEC, mac, mac_length);
  return call(TFM_CRYPTO_MAC_VERIFY, alg, key, 0, 2, 0, 0);
}

export function psa_generate_random(output: usize, output_size: usize): psa_status_t {
  vec(outVec, output, output_size);
  return psa_call(TFM_CRYPTO_HANDLE, TFM_CRYPTO_GENERATE_RANDOM, 0, 0, outVec, 1);
}
