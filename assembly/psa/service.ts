// PSA service API for partitions. A partition module imports only these functions (and the
// client API for calls to other services): the SPM moves bytes between a client and the
// partition's linear memory, never the partition itself.
import { psa_status_t } from "./status";
export * from "./status";
export {
  PSA_BLOCK, PSA_DOORBELL, PSA_IPC_CALL, PSA_IPC_CONNECT, PSA_IPC_DISCONNECT, PSA_MAX_IOVEC, PSA_POLL,
  PSA_WAIT_ANY,
} from "./abi";

export type psa_handle_t = i32;
export type psa_signal_t = u32;

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

@external("psa", "psa_wait")
export declare function psa_wait(signal_mask: psa_signal_t, timeout: u32): psa_signal_t;

// msg: where the SPM writes the psa_msg_t, in the partition's memory.
@external("psa", "psa_get")
export declare function psa_get(signal: psa_signal_t, msg: usize): psa_status_t;

@external("psa", "psa_set_rhandle")
export declare function psa_set_rhandle(msg_handle: psa_handle_t, rhandle: usize): void;

@external("psa", "psa_read")
export declare function psa_read(msg_handle: psa_handle_t, invec_idx: u32, buffer: usize, num_bytes: usize): usize;

@external("psa", "psa_skip")
export declare function psa_skip(msg_handle: psa_handle_t, invec_idx: u32, num_bytes: usize): usize;

@external("psa", "psa_write")
export declare function psa_write(msg_handle: psa_handle_t, outvec_idx: u32, buffer: usize, num_bytes: usize): void;

@external("psa", "psa_reply")
export declare function psa_reply(msg_handle: psa_handle_t, status: psa_status_t): void;

@external("psa", "psa_notify")
export declare function psa_notify(partition_id: i32): void;

@external("psa", "psa_clear")
export declare function psa_clear(): void;

@external("psa", "psa_panic")
export declare function psa_panic(): void;

// MM-IOVEC. The SPM copies a mapped vector into this window of the partition's own memory (a Wasm
// partition cannot address the client's), so vectors mapped at the same time share
// MM_IOVEC_WINDOW bytes; one that does not fit comes back as 0 and psa_read/psa_write still work.
export const MM_IOVEC_WINDOW: usize = 1024;

// A static buffer, allocated only in partitions that map vectors.
function mmIovecWindow(): usize {
  return memory.data(<i32>MM_IOVEC_WINDOW, 8);
}

@external("psa", "psa_map_invec")
declare function map_invec(msg_handle: psa_handle_t, invec_idx: u32, window: usize, window_size: usize): usize;

@external("psa", "psa_map_outvec")
declare function map_outvec(msg_handle: psa_handle_t, outvec_idx: u32, window: usize, window_size: usize): usize;

export function psa_map_invec(msg_handle: psa_handle_t, invec_idx: u32): usize {
  return map_invec(msg_handle, invec_idx, mmIovecWindow(), MM_IOVEC_WINDOW);
}

export function psa_map_outvec(msg_handle: psa_handle_t, outvec_idx: u32): usize {
  return map_outvec(msg_handle, outvec_idx, mmIovecWindow(), MM_IOVEC_WINDOW);
}

@external("psa", "psa_unmap_invec")
export declare function psa_unmap_invec(msg_handle: psa_handle_t, invec_idx: u32): void;

@external("psa", "psa_unmap_outvec")
export declare function psa_unmap_outvec(msg_handle: psa_handle_t, outvec_idx: u32, len: usize): void;

@external("psa", "psa_rot_lifecycle_state")
export declare function psa_rot_lifecycle_state(): u32;

// Interrupts (FF-M 1.1). psa_irq_disable returns 1 when the interrupt was enabled before.
export type psa_irq_status_t = u32;
export type psa_flih_result_t = u32;
export const PSA_FLIH_NO_SIGNAL: psa_flih_result_t = 0;
export const PSA_FLIH_SIGNAL: psa_flih_result_t = 1;

@external("psa", "psa_irq_enable")
export declare function psa_irq_enable(irq_signal: psa_signal_t): void;

@external("psa", "psa_irq_disable")
export declare function psa_irq_disable(irq_signal: psa_signal_t): psa_irq_status_t;

@external("psa", "psa_reset_signal")
export declare function psa_reset_signal(irq_signal: psa_signal_t): void;

@external("psa", "psa_eoi")
export declare function psa_eoi(irq_signal: psa_signal_t): void;
