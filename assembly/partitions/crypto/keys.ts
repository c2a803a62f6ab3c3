// Volatile keys. Key material is imported into one of KEYS slots and never leaves the partition:
// a client gets a key ID, and an ID only names a key to the client ID that imported it. Another
// client's ID, like a destroyed one, is PSA_ERROR_INVALID_HANDLE.
// Persistent keys (a lifetime other than VOLATILE) are not supported yet.
import {
  PSA_ERROR_INSUFFICIENT_MEMORY, PSA_ERROR_INVALID_ARGUMENT, PSA_ERROR_INVALID_HANDLE, PSA_ERROR_NOT_SUPPORTED,
  PSA_ERROR_PROGRAMMER_ERROR, PSA_SUCCESS, psa_msg_t, psa_read, psa_status_t, psa_write,
} from "bulkhead/psa/service";
import {
  PSA_KEY_ID_NULL, PSA_KEY_LIFETIME_VOLATILE, PSA_KEY_TYPE_HMAC, PSA_KEY_TYPE_NONE, PSA_KEY_USAGE_SIGN_HASH,
  PSA_KEY_USAGE_SIGN_MESSAGE, PSA_KEY_USAGE_VERIFY_HASH, PSA_KEY_USAGE_VERIFY_MESSAGE, psa_key_attributes_t,
} from "bulkhead/psa/crypto_values";
import { readExact } from "bulkhead/lib/invec";

const KEYS: u32 = 8;
// The largest key: RFC 4231's longest HMAC keys are 131 bytes.
export const MAX_KEY_BYTES: u32 = 256;
// A slot: its attributes (psa_key_attributes_t; id 0 when free), the owner, the key's length, the key.
const ATTRIBUTES: u32 = 0;
const OWNER: u32 = 20;
const LENGTH: u32 = 24;
const DATA: u32 = 28;
const SLOT: u32 = DATA + MAX_KEY_BYTES;
export const NO_KEY: usize = 0;
// Volatile key IDs are in PSA's vendor range: a generation above the slot number, so a destroyed
// key's ID does not come back at once for the next key.
const VOLATILE_ID_BASE: u32 = 0x7f000000;

const slots = memory.data(<i32>(KEYS * SLOT));
const incoming = memory.data(<i32>offsetof<psa_key_attributes_t>());
const idOut = memory.data(4);
let generation: u32 = 0;

@inline function slotAt(i: u32): usize { return slots + i * SLOT; }

/** The key this client knows by `id`, or NO_KEY. */
export function findKey(owner: i32, id: u32): usize {
  const i = id & 0xf;
  // A free slot's ID is null: the null ID never names a key.
  if (id == PSA_KEY_ID_NULL || i >= KEYS) return NO_KEY;
  const key = slotAt(i);
  return keyAttributes(key).id == id && load<i32>(key + OWNER) == owner ? key : NO_KEY;
}

export function keyAttributes(key: usize): psa_key_attributes_t { return changetype<psa_key_attributes_t>(key + ATTRIBUTES); }
export function keyData(key: usize): usize { return key + DATA; }
export function keyLength(key: usize): u32 { return load<u32>(key + LENGTH); }

// in_vec[0] the attributes, in_vec[1] the key data; out_vec[0] the new key's ID.
export function importKey(msg: psa_msg_t): psa_status_t {
  const size = offsetof<psa_key_attributes_t>();
  if (!readExact(msg, 0, incoming, <u32>size) || msg.out_size(0) != 4) return PSA_ERROR_PROGRAMMER_ERROR;
  const a = changetype<psa_key_attributes_t>(incoming);
  if (a.lifetime != PSA_KEY_LIFETIME_VOLATILE) return PSA_ERROR_NOT_SUPPORTED;
  // A volatile key's ID is chosen here; asking for one makes no sense.
  if (a.id != PSA_KEY_ID_NULL) return PSA_ERROR_INVALID_ARGUMENT;
  if (a.type == PSA_KEY_TYPE_NONE) return PSA_ERROR_INVALID_ARGUMENT;
  if (a.type != PSA_KEY_TYPE_HMAC) return PSA_ERROR_NOT_SUPPORTED;
  const length = <u32>msg.in_size(1);
  if (length == 0) return PSA_ERROR_INVALID_ARGUMENT;
  if (a.bits != 0 && <u32>a.bits != length * 8) return PSA_ERROR_INVALID_ARGUMENT;
  if (length > MAX_KEY_BYTES) return PSA_ERROR_NOT_SUPPORTED;
  let i: u32 = 0;
  while (i < KEYS && keyAttributes(slotAt(i)).id != PSA_KEY_ID_NULL) i++;
  if (i == KEYS) return PSA_ERROR_INSUFFICIENT_MEMORY;
  const key = slotAt(i);
  if (psa_read(msg.handle, 1, key + DATA, length) != length) return PSA_ERROR_PROGRAMMER_ERROR;
  generation = (generation + 1) & 0xfffff;
  a.id = VOLATILE_ID_BASE | (generation << 4) | i;
  a.bits = <u16>(length * 8);
  // PSA 1.1: a usage on hashes implies the same usage on messages.
  if (a.usage & PSA_KEY_USAGE_SIGN_HASH) a.usage |= PSA_KEY_USAGE_SIGN_MESSAGE;
  if (a.usage & PSA_KEY_USAGE_VERIFY_HASH) a.usage |= PSA_KEY_USAGE_VERIFY_MESSAGE;
  memory.copy(key + ATTRIBUTES, incoming, size);
  store<i32>(key + OWNER, msg.client_id);
  store<u32>(key + LENGTH, length);
  store<u32>(idOut, a.id);
  psa_write(msg.handle, 0, idOut, 4);
  return PSA_SUCCESS;
}

export function destroyKey(msg: psa_msg_t, id: u32): psa_status_t {
  if (id == PSA_KEY_ID_NULL) return PSA_SUCCESS; // PSA: destroying the null key does nothing
  const key = findKey(msg.client_id, id);
  if (key == NO_KEY) return PSA_ERROR_INVALID_HANDLE;
  memory.fill(key, 0, SLOT);
  return PSA_SUCCESS;
}

export function getKeyAttributes(msg: psa_msg_t, id: u32): psa_status_t {
  const size = offsetof<psa_key_attributes_t>();
  if (msg.out_size(0) != size) return PSA_ERROR_PROGRAMMER_ERROR;
  const key = findKey(msg.client_id, id);
  if (key == NO_KEY) return PSA_ERROR_INVALID_HANDLE;
  psa_write(msg.handle, 0, key + ATTRIBUTES, size);
  return PSA_SUCCESS;
}
