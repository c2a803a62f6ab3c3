// PSA client API for clients compiled to Wasm: the NS application and secure partitions calling
// other services. Pointers are offsets in the caller's own linear memory; the platform layer
// under the client turns them into addresses before they reach the SPM.
import { psa_status_t } from "./status";
export * from "./status";
export { PSA_FRAMEWORK_VERSION, PSA_IPC_CALL, PSA_MAX_IOVEC, PSA_NULL_HANDLE, PSA_VERSION_NONE } from "./abi";

export type psa_handle_t = i32;

@unmanaged
export class psa_invec {
  base: usize;
  len: usize;
}

@unmanaged
export class psa_outvec {
  base: usize;
  len: usize;
}

@external("psa", "psa_framework_version")
export declare function psa_framework_version(): u32;

@external("psa", "psa_version")
export declare function psa_version(sid: u32): u32;

@external("psa", "psa_connect")
export declare function psa_connect(sid: u32, version: u32): psa_handle_t;

@external("psa", "psa_call")
export declare function psa_call(
  handle: psa_handle_t,
  type: i32,
  in_vec: usize,
  in_len: usize,
  out_vec: usize,
  out_len: usize,
): psa_status_t;

@external("psa", "psa_close")
export declare function psa_close(handle: psa_handle_t): void;
