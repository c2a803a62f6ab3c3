/* SFN backend: one execution context (thread mode, MSP). A partition's SFN runs as a plain call
 * nested in the SPM's; when the SPM gives up on a partition (panic, programmer error, trap) it
 * unwinds to the SPM call that entered the partition with longjmp, and the SPM goes on. */
#include "bulkhead/port.h"
#include "bulkhead/spm_call.h"
#include "bulkhead/faults.h"

#if !BULKHEAD_BACKEND_IPC
#include <setjmp.h>

volatile uint32_t bulkhead_in_partition;

/* One unwind point per partition on the call stack (calls nest at most once per partition). */
#define MAX_NESTING 16
static jmp_buf unwind[MAX_NESTING];
static uint32_t depth;

enum partition_code { SFN, ENTRY_INIT, FLIH };

/* The SPM and its partitions share the main stack. Its limit sits this far above the true bottom,
 * so that when a partition overflows, the fault handler (which lowers the limit, faults.c) and
 * the SPM's panic of that partition still have stack to run on before the unwind frees it. */
#define FAULT_RESERVE 1024u
extern char __stack_bottom[];

static void guard_stack(void)
{
    __asm__ volatile("msr msplim, %0" ::"r"((uint32_t)__stack_bottom + FAULT_RESERVE));
}

/* Runs partition code for the SPM, with interrupts on (the SPM runs with them masked). An abort
 * returns 0; the SPM reads the partition's death from its own tables. */
static int32_t enter_partition(enum partition_code kind, uint32_t arg, uint32_t msg)
{
    if (depth == MAX_NESTING) {
        bulkhead_trap_report("SFN calls nested deeper than the unwind table");
    }
    uint32_t saved = bulkhead_in_partition;
    uint32_t primask;
    __asm__ volatile("mrs %0, primask" : "=r"(primask));
    volatile int32_t status = 0;
    if (setjmp(unwind[depth]) == 0) {
        depth++;
        bulkhead_in_partition = 1;
        __asm__ volatile("cpsie i" ::: "memory");
        switch (kind) {
        case SFN: status = bulkhead_sfn_dispatch(arg, msg); break;
        case ENTRY_INIT: status = bulkhead_entry_init(arg); break;
        case FLIH: status = (int32_t)bulkhead_flih_dispatch(arg); break;
        }
    } else {
        guard_stack(); /* a fault handler may have lowered it */
    }
    __asm__ volatile("msr primask, %0" ::"r"(primask) : "memory");
    depth--;
    bulkhead_in_partition = saved;
    return status;
}

u32 Z_platformZ_sfn_call(struct Z_platform_instance_t *ctx, u32 service, u32 msg)
{
    (void)ctx;
    return (u32)enter_partition(SFN, service, msg);
}

u32 Z_platformZ_partition_init(struct Z_platform_instance_t *ctx, u32 partition)
{
    (void)ctx;
    return (u32)enter_partition(ENTRY_INIT, partition, 0);
}

/* Restart policy: the partition's memory from its image; the SPM runs entry_init next. */
void Z_platformZ_partition_reset(struct Z_platform_instance_t *ctx, u32 partition)
{
    (void)ctx;
    bulkhead_partition_reinstantiate(partition);
}

/* In interrupt context: the unwind point is this handler's own, a trap unwinds to it. */
u32 Z_platformZ_flih_call(struct Z_platform_instance_t *ctx, u32 irq)
{
    (void)ctx;
    return (u32)enter_partition(FLIH, irq, 0);
}

/* psa_wait(PSA_BLOCK) for an interrupt signal: the SPM runs with PRIMASK set, so WFI wakes on the
 * pending interrupt without taking it; opening PRIMASK for a moment lets the handler run. */
void Z_platformZ_wait_for_interrupt(struct Z_platform_instance_t *ctx)
{
    (void)ctx;
    __asm__ volatile("dsb\n wfi\n cpsie i\n isb\n cpsid i" ::: "memory");
}

void Z_platformZ_abort_partition(struct Z_platform_instance_t *ctx)
{
    (void)ctx;
    longjmp(unwind[depth - 1], 1);
}

void bulkhead_wasm_trap(uint32_t code, const char *name)
{
    if (bulkhead_in_partition) {
        bulkhead_in_partition = 0;
        Z_spmZ_spm_fault(SPM, code); /* panics the partition and unwinds out of it */
    }
    bulkhead_trap_report(name);
}

/* Where a faulting partition context resumes (faults.c): on the same stack, as a trap. */
void bulkhead_partition_fault(uint32_t kind, uint32_t address, uint32_t status)
{
    bulkhead_in_partition = 0;
    Z_spmZ_spm_hw_fault(SPM, kind, address, status); /* panics the partition and unwinds out of it */
    bulkhead_trap_report("a faulted partition was not unwound");
}

/* Partition code runs in the one context, so its fault frame is where the SPM's unwind point
 * expects it; resuming there in bulkhead_partition_fault unwinds like a trap. */
uint32_t bulkhead_partition_fault_resume(uint32_t exc_return, uint32_t *frame, uint32_t kind, uint32_t address, uint32_t status)
{
    if (!bulkhead_in_partition) {
        return 0;
    }
    bulkhead_fault_frame(frame, exc_return, kind, address, status);
    return exc_return;
}

/* The SPM runs with PRIMASK set, so an interrupt in thread mode with a partition's code entered
 * is that code's (a FLIH runs in handler mode). */
uint32_t bulkhead_partition_code_interrupted(uint32_t exc_return)
{
    return bulkhead_in_partition && (exc_return & EXC_RETURN_THREAD_MODE) && (exc_return & EXC_RETURN_SECURE_STACK);
}

/* NSCE: under SFN a call runs with NS interrupts masked (veneers.c), but the few instructions
 * around the mask are not, and every context shares the one secure stack: an NS task switched
 * out there would be resumed on another task's frames. So while NS code is inside a veneer, NSCE
 * refuses to switch (the NS scheduler keeps the task). The NS side rests with MSP at its launch
 * point; an interrupted veneer left at least the extended frame (18 words) below it. */
static uint32_t ns_rest_msp;
uint32_t bulkhead_nsce_entry_msp;
#define EXTENDED_FRAME_BYTES 72u

u32 Z_platformZ_ns_leave(struct Z_platform_instance_t *ctx, u32 t)
{
    (void)ctx;
    (void)t;
    return bulkhead_nsce_entry_msp + EXTENDED_FRAME_BYTES <= ns_rest_msp;
}

void Z_platformZ_ns_enter(struct Z_platform_instance_t *ctx, u32 t, u32 in_secure)
{
    (void)ctx;
    (void)t;
    (void)in_secure;
}

extern uint32_t __stack_top[];

void bulkhead_spm_start(uint32_t ns_entry)
{
    guard_stack();
    Z_spmZ_spm_boot(SPM);
    ns_rest_msp = (uint32_t)__stack_top - 8u; /* less BLXNS's function-return state */
    __asm__ volatile("mov sp, %0\n"
                     "bic r0, %1, #1\n"
                     "blxns r0\n" ::"r"((uint32_t)__stack_top), "r"(ns_entry)
                     : "r0", "r1", "r2", "r3", "r12", "lr", "memory");
    bulkhead_ns_returned();
}
#endif
