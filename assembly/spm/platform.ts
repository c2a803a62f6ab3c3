// The SPM's only way to the outside world. boards/armv8m implements these against real
// registers and the TT instruction; host/runner implements them against a model of the board.
// Addresses here are system addresses (the 32-bit address space of the target), not offsets in
// the SPM's own linear memory.

// One byte to the console UART.
@external("platform", "putc")
export declare function platform_putc(c: u32): void;

// Copies len bytes; the SPM has already checked both ranges.
@external("platform", "mem_copy")
export declare function platform_mem_copy(dst: u32, src: u32, len: u32): void;

// True when [addr, addr+len) is non-secure memory the NS caller may read (write=false) or
// write (write=true): cmse_check_address_range on the target.
@external("platform", "ns_access_ok")
export declare function platform_ns_access_ok(addr: u32, len: u32, write: bool): bool;

// Runs a partition's SFN service function (the build numbers them, see spm_tables) with the
// offset of its psa_msg_t, and returns the function's status.
@external("platform", "sfn_call")
export declare function platform_sfn_call(sfn: u32, msg: u32): i32;
