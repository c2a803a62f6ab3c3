// Crypto partition (PSA-RoT): the PSA Crypto API's hash, MAC, key and random functions for NS
// and secure clients. Key material and operation state stay here; clients hold key IDs and
// operation handles, each valid only for the client ID that created it (hash.ts, keys.ts).
import { PSA_ERROR_PROGRAMMER_ERROR, PSA_SUCCESS, psa_msg_t, psa_status_t } from "bulkhead/psa/service";
import {
  TFM_CRYPTO_DESTROY_KEY, TFM_CRYPTO_GENERATE_RANDOM, TFM_CRYPTO_GET_KEY_ATTRIBUTES, TFM_CRYPTO_HASH_ABORT,
  TFM_CRYPTO_HASH_CLONE, TFM_CRYPTO_HASH_COMPARE, TFM_CRYPTO_HASH_COMPUTE, TFM_CRYPTO_HASH_FINISH, TFM_CRYPTO_HASH_SETUP,
  TFM_CRYPTO_HASH_UPDATE, TFM_CRYPTO_HASH_VERIFY, TFM_CRYPTO_IMPORT_KEY, TFM_CRYPTO_INIT, TFM_CRYPTO_MAC_COMPUTE,
  TFM_CRYPTO_MAC_VERIFY, crypto_request,
} from "bulkhead/psa/crypto_values";
import { hashAbort, hashClone, hashCompare, hashCompute, hashFinish, hashSetup, hashUpdate, hashVerify } from "./hash";
import { readExact } from "bulkhead/lib/invec";
import { destroyKey, getKeyAttributes, importKey } from "./keys";
import { macCompute, macVerify } from "./mac";
import { generateRandom, seedDrbg } from "./random";

const request = memory.data(<i32>offsetof<crypto_request>());

export function tfm_crypto_init(): psa_status_t {
  seedDrbg();
  return PSA_SUCCESS;
}

export function tfm_crypto_sfn(msg: psa_msg_t): psa_status_t {
  switch (msg.type) {
    // The partition is ready once it has booted; psa_crypto_init has nothing left to do.
    case TFM_CRYPTO_INIT: return PSA_SUCCESS;
    case TFM_CRYPTO_IMPORT_KEY: return importKey(msg);
    case TFM_CRYPTO_GENERATE_RANDOM: return generateRandom(msg);
  }
  // Every other call starts with a request; the client library never omits it.
  if (!readExact(msg, 0, request, offsetof<crypto_request>())) return PSA_ERROR_PROGRAMMER_ERROR;
  const req = changetype<crypto_request>(request);
  switch (msg.type) {
    case TFM_CRYPTO_HASH_COMPUTE: return hashCompute(msg, req);
    case TFM_CRYPTO_HASH_COMPARE: return hashCompare(msg, req);
    case TFM_CRYPTO_HASH_SETUP: return hashSetup(msg, req);
    case TFM_CRYPTO_HASH_UPDATE: return hashUpdate(msg, req);
    case TFM_CRYPTO_HASH_FINISH: return hashFinish(msg, req);
    case TFM_CRYPTO_HASH_VERIFY: return hashVerify(msg, req);
    case TFM_CRYPTO_HASH_ABORT: return hashAbort(msg, req);
    case TFM_CRYPTO_HASH_CLONE: return hashClone(msg, req);
    case TFM_CRYPTO_DESTROY_KEY: return destroyKey(msg, req.key);
    case TFM_CRYPTO_GET_KEY_ATTRIBUTES: return getKeyAttributes(msg, req.key);
    case TFM_CRYPTO_MAC_COMPUTE: return macCompute(msg, req);
    case TFM_CRYPTO_MAC_VERIFY: return macVerify(msg, req);
  }
  return PSA_ERROR_PROGRAMMER_ERROR;
}
