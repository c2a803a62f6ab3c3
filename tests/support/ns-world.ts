import assert from "node:assert/strict";
import { nsWorld } from "../../host/runner/ns-world.ts";
export { NS, nsWorld } from "../../host/runner/ns-world.ts";

/** An address in the secure world, and the statuses the tests expect. */
export const SECURE = 0x30000000;
export const PROGRAMMER_ERROR = -129;
export const CONNECTION_REFUSED = -130;
export const SUCCESS = 0;
export const NOT_PERMITTED = -133;
export const NOT_SUPPORTED = -134;
export const INVALID_ARGUMENT = -135;
export const INVALID_HANDLE = -136;
export const BAD_STATE = -137;
export const BUFFER_TOO_SMALL = -138;
export const DOES_NOT_EXIST = -140;
export const INSUFFICIENT_MEMORY = -141;
export const INSUFFICIENT_STORAGE = -142;
export const STORAGE_FAILURE = -146;
export const INVALID_SIGNATURE = -149;

/** TF-M's psa_call control word, unclamped, so a test can build any word it likes. */
export const pack = (type: number, inLen: number, outLen: number) => ((type & 0xffff) | (outLen << 16) | (inLen << 24)) >>> 0;

/** Makes the NS caller the NSCE context with this NSID (the build manages NSIDs), as an NS
 * scheduler's PendSV loads a task; returns what saves it again. */
export function loadNsid(spm: ReturnType<typeof nsWorld>["spm"], nsid: number, group: number): () => void {
  const token = spm.tfm_nsce_acquire_ctx(group, 0);
  assert.equal(spm.tfm_nsce_load_ctx(token, nsid), 0);
  return () => assert.equal(spm.tfm_nsce_save_ctx(token), 0);
}
