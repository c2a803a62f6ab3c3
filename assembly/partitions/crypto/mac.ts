// psa_mac_compute / psa_mac_verify with HMAC-SHA-256 and HMAC-SHA-224, full length or truncated.
// The key's policy decides: its usage must allow the operation and its algorithm must be the one
// asked for (or, with PSA_ALG_MAC_AT_LEAST_THIS_LENGTH_FLAG, the same MAC no shorter than it says).
import {
  PSA_ERROR_BUFFER_TOO_SMALL, PSA_ERROR_INVALID_ARGUMENT, PSA_ERROR_INVALID_HANDLE, PSA_ERROR_INVALID_SIGNATURE,
  PSA_ERROR_NOT_PERMITTED, PSA_ERROR_NOT_SUPPORTED, PSA_SUCCESS, psa_msg_t, psa_status_t, psa_write,
} from "bulkhead/psa/service";
import {
  PSA_ALG_FULL_LENGTH_MAC, PSA_ALG_HMAC_GET_HASH, PSA_ALG_IS_HMAC, PSA_ALG_IS_MAC, PSA_ALG_MAC_AT_LEAST_THIS_LENGTH_FLAG,
  PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_KEY_USAGE_VERIFY_MESSAGE, PSA_MAC_MAX_SIZE,
  PSA_MAC_TRUNCATED_LENGTH, crypto_request,
} from "bulkhead/psa/crypto_values";
import { HMAC_CONTEXT_SIZE, hmacFinish, hmacStart } from "bulkhead/lib/hmac";
import { hashSize } from "./hash";
import { readUpTo } from "bulkhead/lib/invec";
import { absorb, equalSecret } from "./input";
import { NO_KEY, findKey, keyAttributes, keyData, keyLength } from "./keys";

// PSA lets an implementation refuse very short MACs; below 4 bytes a MAC is a guess away.
const MIN_MAC_BYTES: u32 = 4;

const ctx = memory.data(<i32>HMAC_CONTEXT_SIZE);
const mac = memory.data(<i32>PSA_MAC_MAX_SIZE);
const expected = memory.data(<i32>PSA_MAC_MAX_SIZE);

// Whether a key whose policy names `permitted` may be used for `alg`.
function policyAllows(permitted: u32, alg: u32): bool {
  if (permitted == alg) return true;
  if ((permitted & PSA_ALG_MAC_AT_LEAST_THIS_LENGTH_FLAG) == 0) return false;
  if (PSA_ALG_FULL_LENGTH_MAC(permitted) != PSA_ALG_FULL_LENGTH_MAC(alg)) return false;
  const wanted = PSA_MAC_TRUNCATED_LENGTH(alg);
  return wanted == 0 || wanted >= PSA_MAC_TRUNCATED_LENGTH(permitted);
}

// Checks the request against the algorithm's rules and the key's policy; on success the MAC of
// in_vec[1] is in `mac` and the result is its length (at least MIN_MAC_BYTES), otherwise the
// result is the PSA error (negative).
function macOfInput(msg: psa_msg_t, req: crypto_request, usage: u32): i32 {
  const alg = req.alg;
  if (!PSA_ALG_IS_MAC(alg) || (alg & PSA_ALG_MAC_AT_LEAST_THIS_LENGTH_FLAG) != 0) return PSA_ERROR_INVALID_ARGUMENT;
  const key = findKey(msg.client_id, req.key);
  if (key == NO_KEY) return PSA_ERROR_INVALID_HANDLE;
  const a = keyAttributes(key);
  if ((a.usage & usage) == 0 || !policyAllows(a.alg, alg)) return PSA_ERROR_NOT_PERMITTED;
  if (!PSA_ALG_IS_HMAC(alg)) return PSA_ERROR_NOT_SUPPORTED;
  const full = hashSize(PSA_ALG_HMAC_GET_HASH(alg));
  if (full == 0) return PSA_ERROR_NOT_SUPPORTED;
  if (a.type != PSA_KEY_TYPE_HMAC) return PSA_ERROR_INVALID_ARGUMENT;
  const truncated = PSA_MAC_TRUNCATED_LENGTH(alg);
  if (truncated > full) return PSA_ERROR_INVALID_ARGUMENT;
  if (truncated != 0 && truncated < MIN_MAC_BYTES) return PSA_ERROR_NOT_SUPPORTED;
  hmacStart(ctx, keyData(key), keyLength(key), full);
  absorb(msg, 1, ctx);
  hmacFinish(ctx, mac);
  return <i32>(truncated != 0 ? truncated : full);
}

export function macCompute(msg: psa_msg_t, req: crypto_request): psa_status_t {
  const length = macOfInput(msg, req, PSA_KEY_USAGE_SIGN_MESSAGE);
  if (length < 0) return length;
  if (msg.out_size(0) < <usize>length) return PSA_ERROR_BUFFER_TOO_SMALL;
  psa_write(msg.handle, 0, mac, length);
  return PSA_SUCCESS;
}

export function macVerify(msg: psa_msg_t, req: crypto_request): psa_status_t {
  const length = macOfInput(msg, req, PSA_KEY_USAGE_VERIFY_MESSAGE);
  if (length < 0) return length;
  const ok = readUpTo(msg, 2, expected, PSA_MAC_MAX_SIZE) == length && equalSecret(mac, expected, <u32>length);
  return ok ? PSA_SUCCESS : PSA_ERROR_INVALID_SIGNATURE;
}
