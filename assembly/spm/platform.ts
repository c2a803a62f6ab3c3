// The SPM's only way to the outside world, what both backends use (platform_sfn.ts and
// platform_ipc.ts hold each backend's own). boards/armv8m implements these against real
// registers and the TT instruction; host/runner implements them against a model of the board.
// A module imports only what the backend it is built for uses, so an image links only what its
// backend's C implements: a piece missing there is a link error, not a run-time trap.
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

// Restart policy: partition p's memory as its image has it (zeroed, data and globals initialised
// again); under IPC its thread's context too, so that it starts at entry_point.
@external("platform", "partition_reset")
export declare function platform_partition_reset(p: u32): void;

// The SPM has given up on the partition whose code made the current SPM call (it panicked or
// broke an FF-M rule): control must never return into that partition's code. SFN backend: unwind
// to the SPM call that entered the partition. IPC backend: leave a FLIH of that partition; its
// thread is dead and never scheduled again.
@external("platform", "abort_partition")
export declare function platform_abort_partition(): void;

// Interrupts (NVIC on the target). irq_disable returns 1 when the line was enabled before.
@external("platform", "irq_enable")
export declare function platform_irq_enable(line: u32): void;

@external("platform", "irq_disable")
export declare function platform_irq_disable(line: u32): u32;

@external("platform", "irq_clear_pending")
export declare function platform_irq_clear_pending(line: u32): void;

// Runs the FLIH function of IRQ row `irq` in its partition, in interrupt context; returns its
// psa_flih_result_t.
@external("platform", "flih_call")
export declare function platform_flih_call(irq: u32): u32;

// One 32-bit device register access; the SPM has checked the partition's mmio_regions.
@external("platform", "mmio_read32")
export declare function platform_mmio_read32(addr: u32): u32;

@external("platform", "mmio_write32")
export declare function platform_mmio_write32(addr: u32, value: u32): void;

// The image layout the MPU plan is made from (assembly/mpu/driver.ts): word i of the linker's
// boundaries.
@external("platform", "layout")
export declare function platform_layout(i: u32): u32;

// MPU region rnr gets RBAR/RLAR values (rlar 0: disabled).
@external("platform", "mpu_set_region")
export declare function platform_mpu_set_region(rnr: u32, rbar: u32, rlar: u32): void;

// MAIR0, then the MPU on, with the default memory map for privileged code (PRIVDEFENA).
@external("platform", "mpu_configure")
export declare function platform_mpu_configure(mair0: u32): void;

// True when unprivileged code of the running partition may read and write [addr, addr+len) under
// the MPU regions loaded now: cmse_check_address_range with CMSE_MPU_UNPRIV on the target.
@external("platform", "partition_access_ok")
export declare function platform_partition_access_ok(addr: u32, len: u32): bool;

// NSCE (an NS handler's save_ctx / load_ctx): the NS side leaves agent t. True when the handler
// interrupted secure code rather than NS code (t's own veneer code, or the idle thread while t
// waited in a call); the NS scheduler will resume that task with a secure exception return, and
// the platform has kept the interrupted thread's state where the scheduler finds it.
@external("platform", "ns_leave")
export declare function platform_ns_leave(t: u32): bool;

// NSCE: the NS side goes on as agent t. `inSecure`: the NS scheduler resumes a task that was
// inside secure code, and the platform's idle thread stands in until the scheduler switches to
// the thread that is due. Any switch still pending is dropped: the SPM schedules afresh.
@external("platform", "ns_enter")
export declare function platform_ns_enter(t: u32, inSecure: bool): void;
