// A secure partition as a client of ITS and Crypto, through the same AssemblyScript bindings NS
// code uses. Each call type does one thing as this partition and returns that call's status;
// what it got back goes to out_vec[0].
import { PSA_ERROR_PROGRAMMER_ERROR, psa_msg_t, psa_read, psa_status_t, psa_write } from "bulkhead/psa/service";
import { PSA_STORAGE_FLAG_NONE, psa_its_get, psa_its_set } from "bulkhead/psa/its";
import {
  PSA_ALG_HMAC, PSA_ALG_SHA_256, PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_MESSAGE, psa_hash_compute, psa_import_key,
  psa_key_attributes_t, psa_mac_compute,
} from "bulkhead/psa/crypto";
import { bulkhead_log, log } from "bulkhead/psa/log";

const STORE = 1; // psa_its_set(0x42, OBJECT)
const READ = 2; // psa_its_get(0x42) → out_vec[0]
const IMPORT = 3; // psa_import_key(KEY) → the key ID
const MAC = 4; // psa_mac_compute(in_vec[0]'s key ID, HMAC-SHA-256, "data") → the MAC
const HASH = 5; // psa_hash_compute(SHA-256, "abc") → the hash
const LOG = 6; // a log line in two parts
const LOG_OUTSIDE = 7; // bulkhead_log with a buffer past the end of this partition's memory

const UID: u64 = 0x42;
const OBJECT = "the partition's object";
const KEY = "the partition's key";
const buffer = memory.data(128);
const out = memory.data(64);
const length = memory.data(4);
const attributes = memory.data(offsetof<psa_key_attributes_t>());

function bytes(s: string): usize {
  for (let i = 0; i < s.length; i++) store<u8>(buffer + i, <u8>s.charCodeAt(i));
  return s.length;
}

function reply(msg: psa_msg_t, status: psa_status_t, n: usize): psa_status_t {
  if (status == 0) psa_write(msg.handle, 0, out, n);
  return status;
}

export function ts_client_service_sfn(msg: psa_msg_t): psa_status_t {
  switch (msg.type) {
    case STORE:
      return psa_its_set(UID, bytes(OBJECT), buffer, PSA_STORAGE_FLAG_NONE);
    case READ:
      return reply(msg, psa_its_get(UID, 0, OBJECT.length, out, length), load<u32>(length));
    case IMPORT: {
      const a = changetype<psa_key_attributes_t>(attributes);
      a.type = PSA_KEY_TYPE_HMAC;
      a.usage = PSA_KEY_USAGE_SIGN_MESSAGE;
      a.alg = PSA_ALG_HMAC(PSA_ALG_SHA_256);
      return reply(msg, psa_import_key(a, buffer, bytes(KEY), out), 4);
    }
    case MAC: {
      if (psa_read(msg.handle, 0, length, 4) != 4) return PSA_ERROR_PROGRAMMER_ERROR;
      const n = bytes("data");
      return reply(msg, psa_mac_compute(load<u32>(length), PSA_ALG_HMAC(PSA_ALG_SHA_256), buffer, n, out, 32, length), 32);
    }
    case HASH:
      return reply(msg, psa_hash_compute(PSA_ALG_SHA_256, buffer, bytes("abc"), out, 32, length), 32);
    case LOG:
      log("a line ");
      log("in two parts\n");
      return 0;
    case LOG_OUTSIDE:
      bulkhead_log(<usize>memory.size() << 16, 1);
      return 0;
  }
  return PSA_ERROR_PROGRAMMER_ERROR;
}
