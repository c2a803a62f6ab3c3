// PSA service API for partitions. A partition module imports only these functions: the SPM
// moves bytes between a client and the partition's linear memory, never the partition itself.
import { psa_status_t } from "./status";
export * from "./status";
export { PSA_IPC_CALL, PSA_MAX_IOVEC } from "./abi";

export type psa_handle_t = i32;

// Matches TF-M's psa_msg_t field for field (32-bit sizes).
@unmanaged
export class psa_msg_t {
  type: i32;
  handle: psa_handle_t;
  client_id: i32;
  rhandle: usize;
  in_size0: usize;
  in_size1: usize;
  in_size2: usize;
  in_size3: usize;
  out_size0: usize;
  out_size1: usize;
  out_size2: usize;
  out_size3: usize;

  in_size(i: u32): usize {
    return load<usize>(changetype<usize>(this) + offsetof<psa_msg_t>("in_size0") + (<usize>i << 2));
  }

  out_size(i: u32): usize {
    return load<usize>(changetype<usize>(this) + offsetof<psa_msg_t>("out_size0") + (<usize>i << 2));
  }
}

@external("psa", "psa_read")
export declare function psa_read(msg_handle: psa_handle_t, invec_idx: u32, buffer: usize, num_bytes: usize): usize;

@external("psa", "psa_skip")
export declare function psa_skip(msg_handle: psa_handle_t, invec_idx: u32, num_bytes: usize): usize;

@external("psa", "psa_write")
export declare function psa_write(msg_handle: psa_handle_t, outvec_idx: u32, buffer: usize, num_bytes: usize): void;

