import assert from "node:assert/strict";
import { nsWorld } from "../../host/runner/ns-world.ts";
import { psaStatus } from "../../host/psa-status.ts";
import { CALL } from "../../host/abi.ts";
export { NS, nsWorld } from "../../host/runner/ns-world.ts";

/** An address in the secure world, and the statuses the tests expect. */
export const SECURE = 0x30000000;
export const {
  PSA_ERROR_PROGRAMMER_ERROR: PROGRAMMER_ERROR, PSA_ERROR_CONNECTION_REFUSED: CONNECTION_REFUSED, PSA_SUCCESS: SUCCESS,
  PSA_ERROR_NOT_PERMITTED: NOT_PERMITTED, PSA_ERROR_NOT_SUPPORTED: NOT_SUPPORTED, PSA_ERROR_INVALID_ARGUMENT: INVALID_ARGUMENT,
  PSA_ERROR_INVALID_HANDLE: INVALID_HANDLE, PSA_ERROR_BAD_STATE: BAD_STATE, PSA_ERROR_BUFFER_TOO_SMALL: BUFFER_TOO_SMALL,
  PSA_ERROR_DOES_NOT_EXIST: DOES_NOT_EXIST, PSA_ERROR_INSUFFICIENT_MEMORY: INSUFFICIENT_MEMORY,
  PSA_ERROR_INSUFFICIENT_STORAGE: INSUFFICIENT_STORAGE, PSA_ERROR_STORAGE_FAILURE: STORAGE_FAILURE,
  PSA_ERROR_INVALID_SIGNATURE: INVALID_SIGNATURE,
} = psaStatus;

/** TF-M's psa_call control word, unclamped, so a test can build any word it likes. */
export const pack = (type: number, inLen: number, outLen: number) =>
  ((type & CALL.TYPE_MASK) | (outLen << CALL.OUT_LEN_SHIFT) | (inLen << CALL.IN_LEN_SHIFT)) >>> 0;

/** Makes the NS caller the NSCE context with this NSID (the build manages NSIDs), as an NS
 * scheduler's PendSV loads a task; returns what saves it again. */
export function loadNsid(spm: ReturnType<typeof nsWorld>["spm"], nsid: number, group: number): () => void {
  const token = spm.tfm_nsce_acquire_ctx(group, 0);
  assert.equal(spm.tfm_nsce_load_ctx(token, nsid), 0);
  return () => assert.equal(spm.tfm_nsce_save_ctx(token), 0);
}
