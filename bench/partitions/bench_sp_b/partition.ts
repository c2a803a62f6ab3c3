// The benchmark's measured services. Each does the least its scenario needs, so that a figure is
// the SPM's path and not the service's work (but for SHA-256, which is the work).
import { PSA_SUCCESS, psa_msg_t, psa_read, psa_status_t, psa_write } from "bulkhead/psa/service";
import { sha256, SHA256_CONTEXT_SIZE, SHA256_DIGEST_SIZE } from "bulkhead/lib/sha256";

const VECTOR: u32 = 64;
const buffer = memory.data(<i32>VECTOR);
// SHA-256 input: 1 KiB of a fixed pattern, hashed `count` times per call.
const MESSAGE_SIZE: u32 = 1024;
const message = memory.data(<i32>MESSAGE_SIZE);
const context = memory.data(<i32>SHA256_CONTEXT_SIZE);
const digest = memory.data(<i32>SHA256_DIGEST_SIZE);

export function bench_empty_service_sfn(msg: psa_msg_t): psa_status_t {
  return PSA_SUCCESS;
}

export function bench_copy_service_sfn(msg: psa_msg_t): psa_status_t {
  psa_read(msg.handle, 0, buffer, VECTOR);
  psa_write(msg.handle, 0, buffer, VECTOR);
  return PSA_SUCCESS;
}

export function bench_conn_service_sfn(msg: psa_msg_t): psa_status_t {
  return PSA_SUCCESS;
}

// In: count (u32). Out: the digest of the last round.
export function bench_sha_service_sfn(msg: psa_msg_t): psa_status_t {
  if (psa_read(msg.handle, 0, buffer, 4) != 4) return PSA_SUCCESS;
  const count = load<u32>(buffer);
  for (let i: u32 = 0; i < MESSAGE_SIZE; i++) store<u8>(message + i, <u8>i);
  for (let i: u32 = 0; i < count; i++) sha256(context, message, MESSAGE_SIZE, digest);
  psa_write(msg.handle, 0, digest, SHA256_DIGEST_SIZE);
  return PSA_SUCCESS;
}
