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

// SFN model: runs the SFN of service row `service` with the offset of its psa_msg_t in the
// partition's memory, and returns the function's status.
@external("platform", "sfn_call")
export declare function platform_sfn_call(service: u32, msg: u32): i32;

// SFN backend: runs partition p's entry_init (if its manifest has one) and returns its status.
@external("platform", "partition_init")
export declare function platform_partition_init(p: u32): i32;

// The SPM has given up on the partition whose code made the current SPM call (it panicked or
// broke an FF-M rule): control must never return into that partition's code. SFN backend: unwind
// to the SPM call that entered the partition. IPC backend: nothing to do, the partition's thread
// is dead and never scheduled again.
@external("platform", "abort_partition")
export declare function platform_abort_partition(): void;

// IPC backend: thread `next` runs when the current SPM entry returns (PendSV on the target).
@external("platform", "thread_switch")
export declare function platform_thread_switch(next: u32): void;

// IPC backend: the value blocked thread t's pending SPM call returns when t runs again.
@external("platform", "thread_return")
export declare function platform_thread_return(t: u32, value: u32): void;
