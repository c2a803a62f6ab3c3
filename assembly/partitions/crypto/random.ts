// psa_generate_random: an HMAC_DRBG (SP 800-90A) inside the partition.
//
// Its seed should be entropy from the board's TRNG. None of the boards bulkhead supports has one
// that QEMU models (the MPS2 and MPS3 machines have no TRNG), so the DRBG is seeded with a fixed
// test seed instead. That makes every boot's output the same sequence, and the partition says so on
// the secure console at boot; a board with a TRNG seeds from it here, in seedDrbg.
import { PSA_SUCCESS, psa_msg_t, psa_status_t, psa_write } from "bulkhead/psa/service";
import { log } from "bulkhead/psa/log";
import { drbgGenerate, drbgInstantiate } from "bulkhead/lib/hmac_drbg";
import { chunk } from "./input";

// SP 800-90A's seed material for a security strength of 256 bits: entropy input (32 bytes) and a
// nonce (16), here both from this fixed string.
const TEST_SEED = "bulkhead: FIXED TEST SEED, NOT ENTROPY";
const SEED_BYTES: i32 = 48;
// One generate request at most: SP 800-90A caps a request, and the chunk buffer is this size.
const REQUEST_BYTES: u32 = 256;

export function seedDrbg(): void {
  log("WARNING: this board has no entropy source: psa_generate_random is seeded with a FIXED TEST SEED.\n");
  log("WARNING: its output is the same on every boot and PREDICTABLE; never use it for keys or nonces.\n");
  for (let i = 0; i < SEED_BYTES; i++) store<u8>(chunk + i, <u8>TEST_SEED.charCodeAt(i % TEST_SEED.length));
  drbgInstantiate(chunk, SEED_BYTES);
  memory.fill(chunk, 0, SEED_BYTES);
}

// out_vec[0]: as many bytes as it holds, in requests of at most REQUEST_BYTES.
export function generateRandom(msg: psa_msg_t): psa_status_t {
  const size = <u32>msg.out_size(0);
  for (let done: u32 = 0; done < size; done += REQUEST_BYTES) {
    const n = min(REQUEST_BYTES, size - done);
    drbgGenerate(chunk, n);
    psa_write(msg.handle, 0, chunk, n);
  }
  memory.fill(chunk, 0, REQUEST_BYTES);
  return PSA_SUCCESS;
}
