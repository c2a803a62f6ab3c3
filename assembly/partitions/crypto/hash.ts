// psa_hash_*: one-shot and multipart SHA-256 / SHA-224. A multipart operation lives here, in one
// of OPERATIONS slots owned by the client that set it up; the client holds only its handle.
// PSA's operation states: a slot is ACTIVE from setup, and enters ERROR when finish or verify
// fails, where only abort leaves it.
import {
  PSA_ERROR_BAD_STATE, PSA_ERROR_BUFFER_TOO_SMALL, PSA_ERROR_INSUFFICIENT_MEMORY, PSA_ERROR_INVALID_ARGUMENT,
  PSA_ERROR_INVALID_SIGNATURE, PSA_ERROR_NOT_SUPPORTED, PSA_ERROR_PROGRAMMER_ERROR, PSA_SUCCESS, psa_msg_t,
  psa_status_t, psa_write,
} from "bulkhead/psa/service";
import { PSA_ALG_IS_HASH, PSA_ALG_SHA_224, PSA_ALG_SHA_256, PSA_HASH_MAX_SIZE, crypto_request } from "bulkhead/psa/crypto_values";
import { SHA256_CONTEXT_SIZE, sha256Final, sha256Init } from "bulkhead/lib/sha256";
import { readExact, readUpTo } from "bulkhead/lib/invec";
import { absorb, equalSecret } from "./input";

const OPERATIONS: u32 = 8;
// A slot: handle (0 when free), owner, state, digest size, then the hash context.
const HANDLE: u32 = 0;
const OWNER: u32 = 4;
const STATE: u32 = 8;
const SIZE: u32 = 12;
const CONTEXT: u32 = 16;
const SLOT: u32 = CONTEXT + SHA256_CONTEXT_SIZE;
const ACTIVE: u32 = 1;
const ERROR: u32 = 2;
const NONE: u32 = 0xffffffff;

const slots = memory.data(<i32>(OPERATIONS * SLOT));
const oneShot = memory.data(<i32>SHA256_CONTEXT_SIZE);
const digest = memory.data(<i32>PSA_HASH_MAX_SIZE);
const expected = memory.data(<i32>PSA_HASH_MAX_SIZE);
const handleOut = memory.data(4);
// Handles carry a generation above the slot number, so a stale handle misses a reused slot.
let generation: u32 = 0;

/** The digest size of a supported hash algorithm, or 0. */
export function hashSize(alg: u32): u32 {
  if (alg == PSA_ALG_SHA_256) return 32;
  if (alg == PSA_ALG_SHA_224) return 28;
  return 0;
}

/** PSA's answer for an algorithm a hash call cannot use: not a hash at all, or a hash not built in. */
export function hashAlgError(alg: u32): psa_status_t {
  return PSA_ALG_IS_HASH(alg) ? PSA_ERROR_NOT_SUPPORTED : PSA_ERROR_INVALID_ARGUMENT;
}

// Compares the digest of size bytes with in_vec[i] (a hash of the wrong length never matches).
function matches(msg: psa_msg_t, i: u32, size: u32): bool {
  return readUpTo(msg, i, expected, PSA_HASH_MAX_SIZE) == <i32>size && equalSecret(digest, expected, size);
}

// The digest (of `size` bytes: 28 is SHA-224) of in_vec[1], into `digest`.
function digestOfInput(msg: psa_msg_t, size: u32): void {
  sha256Init(oneShot, size == 28);
  absorb(msg, 1, oneShot);
  sha256Final(oneShot, digest, size);
}

export function hashCompute(msg: psa_msg_t, req: crypto_request): psa_status_t {
  const size = hashSize(req.alg);
  if (size == 0) return hashAlgError(req.alg);
  if (msg.out_size(0) < size) return PSA_ERROR_BUFFER_TOO_SMALL;
  digestOfInput(msg, size);
  psa_write(msg.handle, 0, digest, size);
  return PSA_SUCCESS;
}

export function hashCompare(msg: psa_msg_t, req: crypto_request): psa_status_t {
  const size = hashSize(req.alg);
  if (size == 0) return hashAlgError(req.alg);
  digestOfInput(msg, size);
  return matches(msg, 2, size) ? PSA_SUCCESS : PSA_ERROR_INVALID_SIGNATURE;
}

@inline function slotAt(i: u32): usize { return slots + i * SLOT; }

// The slot of this client's operation `handle`, or NONE.
function find(owner: i32, handle: u32): u32 {
  if (handle == 0) return NONE;
  const i = (handle & 0xf) - 1;
  if (i >= OPERATIONS) return NONE;
  const s = slotAt(i);
  return load<u32>(s + HANDLE) == handle && load<i32>(s + OWNER) == owner ? i : NONE;
}

// The slot of this client's active operation, or NONE.
function active(owner: i32, handle: u32): u32 {
  const i = find(owner, handle);
  return i != NONE && load<u32>(slotAt(i) + STATE) == ACTIVE ? i : NONE;
}

function free(i: u32): void {
  memory.fill(slotAt(i), 0, SLOT);
}

export function hashSetup(msg: psa_msg_t, req: crypto_request): psa_status_t {
  if (msg.out_size(0) != 4) return PSA_ERROR_PROGRAMMER_ERROR;
  const size = hashSize(req.alg);
  if (size == 0) return hashAlgError(req.alg);
  // The client's operation object must be inactive (PSA_HASH_OPERATION_INIT, or aborted).
  if (req.op != 0) return PSA_ERROR_BAD_STATE;
  const i = freeSlot();
  if (i == NONE) return PSA_ERROR_INSUFFICIENT_MEMORY;
  const s = slotAt(i);
  store<u32>(s + STATE, ACTIVE);
  store<u32>(s + SIZE, size);
  sha256Init(s + CONTEXT, size == 28);
  return issue(msg, i);
}

function freeSlot(): u32 {
  for (let i: u32 = 0; i < OPERATIONS; i++) if (load<u32>(slotAt(i) + HANDLE) == 0) return i;
  return NONE;
}

// Slot i becomes the client's operation under a fresh handle, which the client gets in out_vec[0].
function issue(msg: psa_msg_t, i: u32): psa_status_t {
  generation = (generation + 1) & 0x0fffffff;
  const handle = (generation << 4) | (i + 1);
  store<u32>(slotAt(i) + HANDLE, handle);
  store<i32>(slotAt(i) + OWNER, msg.client_id);
  store<u32>(handleOut, handle);
  psa_write(msg.handle, 0, handleOut, 4);
  return PSA_SUCCESS;
}

export function hashUpdate(msg: psa_msg_t, req: crypto_request): psa_status_t {
  const i = active(msg.client_id, req.op);
  if (i == NONE) return PSA_ERROR_BAD_STATE;
  absorb(msg, 1, slotAt(i) + CONTEXT);
  return PSA_SUCCESS;
}

// finish and verify end the operation: it is freed on success and left in ERROR on failure.
function end(i: u32, status: psa_status_t): psa_status_t {
  if (status == PSA_SUCCESS) free(i);
  else store<u32>(slotAt(i) + STATE, ERROR);
  return status;
}

export function hashFinish(msg: psa_msg_t, req: crypto_request): psa_status_t {
  const i = active(msg.client_id, req.op);
  if (i == NONE) return PSA_ERROR_BAD_STATE;
  const s = slotAt(i);
  const size = load<u32>(s + SIZE);
  if (msg.out_size(0) < size) return end(i, PSA_ERROR_BUFFER_TOO_SMALL);
  sha256Final(s + CONTEXT, digest, size);
  psa_write(msg.handle, 0, digest, size);
  return end(i, PSA_SUCCESS);
}

export function hashVerify(msg: psa_msg_t, req: crypto_request): psa_status_t {
  const i = active(msg.client_id, req.op);
  if (i == NONE) return PSA_ERROR_BAD_STATE;
  const s = slotAt(i);
  const size = load<u32>(s + SIZE);
  sha256Final(s + CONTEXT, digest, size);
  return end(i, matches(msg, 1, size) ? PSA_SUCCESS : PSA_ERROR_INVALID_SIGNATURE);
}

// PSA Crypto 1.1 psa_hash_clone: the source must be active and the target (its handle in
// in_vec[1]) inactive, else BAD_STATE; the copy then goes its own way.
export function hashClone(msg: psa_msg_t, req: crypto_request): psa_status_t {
  if (msg.out_size(0) != 4 || !readExact(msg, 1, handleOut, 4)) return PSA_ERROR_PROGRAMMER_ERROR;
  const from = active(msg.client_id, req.op);
  if (from == NONE || load<u32>(handleOut) != 0) return PSA_ERROR_BAD_STATE;
  const to = freeSlot();
  if (to == NONE) return PSA_ERROR_INSUFFICIENT_MEMORY;
  memory.copy(slotAt(to), slotAt(from), SLOT);
  return issue(msg, to);
}

export function hashAbort(msg: psa_msg_t, req: crypto_request): psa_status_t {
  if (req.op == 0) return PSA_SUCCESS; // aborting an inactive operation does nothing
  const i = find(msg.client_id, req.op);
  if (i == NONE) return PSA_ERROR_BAD_STATE;
  free(i);
  return PSA_SUCCESS;
}
