// What only the SFN backend asks of the platform (backend_sfn.c; the host runner's
// secure-world.ts): calling into partition code in the one context there is, and waiting in it.

// SFN model: runs the SFN of service row `service` with the offset of its psa_msg_t in the
// partition's memory, and returns the function's status.
@external("platform", "sfn_call")
export declare function platform_sfn_call(service: u32, msg: u32): i32;

// SFN backend: runs partition p's entry_init (if its manifest has one) and returns its status.
@external("platform", "partition_init")
export declare function platform_partition_init(p: u32): i32;

// SFN backend: sleeps until an interrupt has been handled (WFI), so a psa_wait(PSA_BLOCK) for an
// interrupt signal can wait in the only context there is.
@external("platform", "wait_for_interrupt")
export declare function platform_wait_for_interrupt(): void;
