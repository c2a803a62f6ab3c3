// The default NS application: calls the secure side through the PSA client API and reports what
// came back. Its return value is the image's exit code (0 = every answer was the expected one).
import {
  TFM_COUNTER_SERVICE_SID, TFM_COUNTER_SERVICE_VERSION, TFM_ECHO_SERVICE_HANDLE, TFM_ECHO_SERVICE_SID,
} from "psa_manifest/sid";
import {
  PSA_ERROR_DOES_NOT_EXIST, PSA_ERROR_PROGRAMMER_ERROR, PSA_FRAMEWORK_VERSION, PSA_IPC_CALL, PSA_SUCCESS, PSA_VERSION_NONE,
  psa_call, psa_close, psa_connect, psa_framework_version, psa_invec, psa_outvec, psa_version,
} from "bulkhead/psa/client";
import { PSA_STORAGE_FLAG_NONE, psa_its_get, psa_its_get_info, psa_its_remove, psa_its_set, psa_storage_info_t } from "bulkhead/psa/its";
import {
  PSA_ALG_HMAC, PSA_ALG_SHA_256, PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_KEY_USAGE_VERIFY_MESSAGE,
  psa_crypto_init, psa_destroy_key, psa_generate_random, psa_hash_compare, psa_hash_compute, psa_import_key,
  psa_key_attributes_t, psa_mac_compute, psa_mac_verify,
} from "bulkhead/psa/crypto";
import { hex, print } from "bulkhead/ns/console";

// Asks the NS platform layer to hand the SPM an input vector that points into secure memory, as
// a buggy or hostile NS caller could; the SPM must refuse it. Returns psa_call's status.
@external("ns", "call_with_secure_pointer")
declare function call_with_secure_pointer(handle: i32): i32;

const MESSAGE = "hello, secure world";
const inBuf = memory.data(64);
const outBuf = memory.data(64);
const inVec = memory.data(offsetof<psa_invec>());
const outVec = memory.data(offsetof<psa_outvec>());

let failures = 0;

function check(ok: bool, what: string): void {
  if (!ok) {
    failures++;
    print("[NS] FAIL: " + what + "\n");
  }
}

export function main(): i32 {
  print("[NS] bulkhead NS application\n");

  const fv = psa_framework_version();
  print("[NS] psa_framework_version() = " + hex(fv) + "\n");
  check(fv == PSA_FRAMEWORK_VERSION, "framework version");

  const v = psa_version(TFM_ECHO_SERVICE_SID);
  print("[NS] psa_version(TFM_ECHO_SERVICE) = " + v.toString() + "\n");
  check(v == 1, "service version");

  const unknown = psa_version(0xdead);
  print("[NS] psa_version(0xdead) = " + unknown.toString() + "\n");
  check(unknown == 0, "unknown SID reports PSA_VERSION_NONE");

  for (let i = 0; i < MESSAGE.length; i++) store<u8>(inBuf + i, <u8>MESSAGE.charCodeAt(i));
  const iv = changetype<psa_invec>(inVec);
  iv.base = inBuf;
  iv.len = MESSAGE.length;
  const ov = changetype<psa_outvec>(outVec);
  ov.base = outBuf;
  ov.len = 64;
  const status = psa_call(TFM_ECHO_SERVICE_HANDLE, PSA_IPC_CALL, inVec, 1, outVec, 1);
  let reply = "";
  for (let i: usize = 0; i < ov.len; i++) reply += String.fromCharCode(load<u8>(outBuf + i));
  print("[NS] psa_call(TFM_ECHO_SERVICE, \"" + MESSAGE + "\") = " + status.toString() +
    ", " + ov.len.toString() + " bytes: \"" + reply + "\"\n");
  check(status == PSA_SUCCESS && reply == "HELLO, SECURE WORLD", "echo reply");

  const rejected = call_with_secure_pointer(TFM_ECHO_SERVICE_HANDLE);
  print("[NS] psa_call with a secure pointer = " + rejected.toString() + "\n");
  check(rejected == PSA_ERROR_PROGRAMMER_ERROR, "secure pointer rejected");

  counterDemo();
  storageDemo();
  cryptoDemo();

  print(failures == 0 ? "[NS] all checks passed\n" : "[NS] " + failures.toString() + " check(s) failed\n");
  return failures == 0 ? 0 : 1;
}

// The IPC partition's connection-based service: connect, three calls that each add to this
// connection's total (kept by the service under the connection's rhandle), close. Under the SFN
// backend the partition is left out of the image, and psa_version says so.
function counterDemo(): void {
  if (psa_version(TFM_COUNTER_SERVICE_SID) == PSA_VERSION_NONE) {
    print("[NS] TFM_COUNTER_SERVICE is not in this image (it needs the IPC backend)\n");
    return;
  }
  const handle = psa_connect(TFM_COUNTER_SERVICE_SID, TFM_COUNTER_SERVICE_VERSION);
  check(handle > 0, "psa_connect(TFM_COUNTER_SERVICE)");
  let line = "[NS] TFM_COUNTER_SERVICE: connected";
  const iv = changetype<psa_invec>(inVec);
  const ov = changetype<psa_outvec>(outVec);
  const amounts: StaticArray<u32> = [5, 7, 30];
  for (let i = 0; i < amounts.length; i++) {
    store<u32>(inBuf, amounts[i]);
    iv.base = inBuf;
    iv.len = 4;
    ov.base = outBuf;
    ov.len = 4;
    const status = psa_call(handle, PSA_IPC_CALL, inVec, 1, outVec, 1);
    check(status == PSA_SUCCESS, "counter call");
    line += ", add " + amounts[i].toString() + " -> " + load<u32>(outBuf).toString();
  }
  check(load<u32>(outBuf) == 42, "counter total");
  psa_close(handle);
  print(line + ", closed\n");
}

// Internal Trusted Storage: store a value, read it back, look at its info, remove it.
const STORED = "bulkhead keeps this";
const STORED_UID: u64 = 0x42;
const itsLength = memory.data(4);
const itsInfo = memory.data(offsetof<psa_storage_info_t>());

function storageDemo(): void {
  for (let i = 0; i < STORED.length; i++) store<u8>(inBuf + i, <u8>STORED.charCodeAt(i));
  const setStatus = psa_its_set(STORED_UID, STORED.length, inBuf, PSA_STORAGE_FLAG_NONE);
  const getStatus = psa_its_get(STORED_UID, 0, STORED.length, outBuf, itsLength);
  let back = "";
  for (let i: u32 = 0; i < load<u32>(itsLength); i++) back += String.fromCharCode(load<u8>(outBuf + i));
  const infoStatus = psa_its_get_info(STORED_UID, itsInfo);
  const size = changetype<psa_storage_info_t>(itsInfo).size;
  const removeStatus = psa_its_remove(STORED_UID);
  const gone = psa_its_get_info(STORED_UID, itsInfo);
  print("[NS] psa_its_set/get(uid 0x42) = " + setStatus.toString() + "/" + getStatus.toString() + ": \"" + back +
    "\", size " + size.toString() + "; removed = " + removeStatus.toString() + ", then get_info = " + gone.toString() + "\n");
  check(setStatus == PSA_SUCCESS && getStatus == PSA_SUCCESS && back == STORED, "ITS round trip");
  check(infoStatus == PSA_SUCCESS && size == <u32>STORED.length, "ITS object info");
  check(removeStatus == PSA_SUCCESS && gone == PSA_ERROR_DOES_NOT_EXIST, "ITS remove");
}

// Crypto: FIPS 180-4's SHA-256 example, RFC 4231's HMAC-SHA-256 test case 2, and random bytes.
const HASHED = "abc";
const HASHED_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
const HMAC_KEY = "Jefe";
const HMAC_DATA = "what do ya want for nothing?";
const HMAC_SHA256 = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
const cryptoLength = memory.data(4);
const keyId = memory.data(4);
const attributes = memory.data(offsetof<psa_key_attributes_t>());

function bytesOf(s: string, at: usize): usize {
  for (let i = 0; i < s.length; i++) store<u8>(at + i, <u8>s.charCodeAt(i));
  return s.length;
}

function hexBytes(at: usize, n: usize): string {
  let s = "";
  for (let i: usize = 0; i < n; i++) s += hex(load<u8>(at + i), 2).substring(2);
  return s;
}

function cryptoDemo(): void {
  check(psa_crypto_init() == PSA_SUCCESS, "psa_crypto_init");
  const n = bytesOf(HASHED, inBuf);
  const hashStatus = psa_hash_compute(PSA_ALG_SHA_256, inBuf, n, outBuf, 32, cryptoLength);
  const digest = hexBytes(outBuf, load<u32>(cryptoLength));
  const compared = psa_hash_compare(PSA_ALG_SHA_256, inBuf, n, outBuf, 32);
  print("[NS] psa_hash_compute(SHA-256, \"" + HASHED + "\") = " + hashStatus.toString() + ": " + digest +
    "; psa_hash_compare = " + compared.toString() + "\n");
  check(hashStatus == PSA_SUCCESS && digest == HASHED_SHA256 && compared == PSA_SUCCESS, "SHA-256 of \"abc\"");

  const a = changetype<psa_key_attributes_t>(attributes);
  a.type = PSA_KEY_TYPE_HMAC;
  a.usage = PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE;
  a.alg = PSA_ALG_HMAC(PSA_ALG_SHA_256);
  const imported = psa_import_key(a, inBuf, bytesOf(HMAC_KEY, inBuf), keyId);
  const key = load<u32>(keyId);
  const dataLength = bytesOf(HMAC_DATA, inBuf);
  const macStatus = psa_mac_compute(key, a.alg, inBuf, dataLength, outBuf, 32, cryptoLength);
  const mac = hexBytes(outBuf, load<u32>(cryptoLength));
  const verified = psa_mac_verify(key, a.alg, inBuf, dataLength, outBuf, 32);
  const destroyed = psa_destroy_key(key);
  print("[NS] psa_mac_compute(HMAC-SHA-256, RFC 4231 case 2) = " + macStatus.toString() + ": " + mac +
    "; psa_mac_verify = " + verified.toString() + "\n");
  check(imported == PSA_SUCCESS && macStatus == PSA_SUCCESS && mac == HMAC_SHA256 && verified == PSA_SUCCESS &&
    destroyed == PSA_SUCCESS, "HMAC-SHA-256, RFC 4231 case 2");

  const random = psa_generate_random(outBuf, 16);
  print("[NS] psa_generate_random(16) = " + random.toString() + ": " + hexBytes(outBuf, 16) + "\n");
  check(random == PSA_SUCCESS, "psa_generate_random");
}
