// The binary contract between the SPM, partitions and clients: every number here is also known to
// the C port (boards/armv8m/include/psa/*.h) and the host runner (host/runner/), so a change here
// is a change there.

export const PSA_FRAMEWORK_VERSION: u32 = 0x0101;
export const PSA_VERSION_NONE: u32 = 0;
export const PSA_MAX_IOVEC: u32 = 4;
export const PSA_NULL_HANDLE: i32 = 0;

// Message types (psa_msg_t.type): CALL and user types are >= 0.
export const PSA_IPC_CALL: i32 = 0;
export const PSA_IPC_CONNECT: i32 = -1;
export const PSA_IPC_DISCONNECT: i32 = -2;

// psa_wait.
export const PSA_WAIT_ANY: u32 = 0xffffffff;
export const PSA_BLOCK: u32 = 0x80000000;
export const PSA_POLL: u32 = 0;
// Signal bits 0..3 are the framework's; bit 3 is the doorbell (psa_notify / psa_clear).
export const PSA_DOORBELL: u32 = 0x8;

export const PSA_LIFECYCLE_UNKNOWN: u32 = 0x0000;

// psa_invec / psa_outvec in a 32-bit address space: { base: u32, len: u32 }.
export const IOVEC_SIZE: u32 = 8;

// TF-M packs type, in_len and out_len into one word (tfm_psa_call_pack): the NS veneer and a
// partition's psa_call both pass it, so psa_call fits in four registers.
export { CALL_IN_LEN_SHIFT, CALL_LEN_MASK, CALL_OUT_LEN_SHIFT, CALL_TYPE_MASK } from "bulkhead_abi/facts";

// Stateless handles (FF-M 1.1, TF-M's layout): bit 30 set, bits 8..15 the service version, bits
// 0..7 the static handle index (1..32) from the manifest.
export const STATELESS_HANDLE_BIT: u32 = 0x40000000;
export const STATELESS_VERSION_SHIFT: u32 = 8;
export const STATELESS_INDEX_MASK: u32 = 0xff;

// Where the SPM writes the psa_msg_t that an SFN service function receives, in the partition's
// linear memory. Partitions are compiled with --memoryBase 1024, so [0, 1024) holds no static
// data; the slot sits there at a fixed offset that the SPM and the bindings agree on.
export { PSA_MSG_SLOT } from "bulkhead_abi/facts";
// No pointer a partition hands the SPM may lie below its static data: NULL is offset 0 of a Wasm
// memory, a valid address to the module, and FF-M's invalid pointer all the same.
export const PARTITION_DATA_BASE: u32 = <u32>ASC_MEMORY_BASE; // asconfig.json's memoryBase
// psa_msg_t: type, handle, client_id, rhandle, in_size[4], out_size[4].
export const PSA_MSG_SIZE: u32 = 48;

// The NS client ID the SPM reports while NSCE does not manage NSIDs (TF-M's default NSID).
export const NS_CLIENT_ID_DEFAULT: i32 = -1;
