/* IPC backend: a thread per partition plus the NS agent (thread 0, the secure context NS calls
 * run in). Every entry into the SPM is an SVC, so the SPM runs in handler mode and never blocks;
 * when it picks another thread it pends PendSV, which switches contexts on the way out. A blocked
 * thread's SVC returns the value the SPM hands over when it wakes the thread. */
#include "bulkhead/port.h"
#include "bulkhead/spm_call.h"
#include "bulkhead/faults.h"
#include <setjmp.h>

#if BULKHEAD_BACKEND_IPC

#define SCB_ICSR 0xE000ED04u
#define SCB_ICSR_PENDSVSET (1u << 28)
#define SCB_SHPR3 0xE000ED20u
#define NS_AGENT 0u
#define NO_ROW 0xffffffffu
#define PSA_MSG_SLOT 64u
#define XPSR_THUMB 0x01000000u
#define NS_AGENT_STACK_SIZE 0x800u
#define IDLE_STACK_SIZE 0x100u
#define EXC_RETURN_SECURE_THREAD_PSP 0xFFFFFFFDu
#define CONTROL_NPRIV 1u

static uint32_t current;
static uint32_t next;
static jmp_buf flih_unwind;
static volatile uint32_t in_flih; /* a FLIH runs: aborting its partition leaves it */
static uint8_t ns_agent_stack[NS_AGENT_STACK_SIZE] __attribute__((aligned(8)));
static uint8_t idle_stack[IDLE_STACK_SIZE] __attribute__((aligned(8)));

/* Called by SVC_Handler with the caller's exception frame (r0-r3, r12, lr, pc, xPSR). The SVC
 * number is the immediate of the SVC instruction just before the stacked pc. */
void bulkhead_svc_handler(uint32_t *frame)
{
    uint32_t num = ((const uint8_t *)frame[6])[-2];
    bulkhead_frames[current] = frame;
    frame[0] = bulkhead_spm_dispatch(num, frame[0], frame[1], frame[2], frame[3]);
}

__attribute__((naked)) void SVC_Handler(void)
{
    __asm__ volatile(
        "tst lr, #4\n"
        "ite eq\n"
        "mrseq r0, msp\n"
        "mrsne r0, psp\n"
        "push {r4, lr}\n"
        "bl bulkhead_svc_handler\n"
        "pop {r4, pc}\n");
}

/* PendSV: saves r4-r11 of the current thread on its secure stack, switches to `next`. A thread
 * is switched out either in secure thread mode (an SVC, or an interrupt in partition code) or,
 * for the NS agent, while NS code runs (an interrupt; then the hardware stacked NS state on the NS
 * stack and r4-r11 saved here are not the NS code's). Its EXC_RETURN says which, so it is kept. */
struct bulkhead_context *bulkhead_pendsv_switch(uint32_t sp, uint32_t exc_return)
{
    bulkhead_contexts[current].sp = sp;
    bulkhead_contexts[current].exc_return = exc_return;
    current = next;
    __asm__ volatile("msr psplim, %0" ::"r"(0u));
    /* Written whole, not read-modified: in handler mode SPSEL ignores writes and the exception
     * return sets SPSEL and FPCA from EXC_RETURN, so nPRIV is the only bit that matters (SFPA stays
     * 0: the image is soft-float). */
    __asm__ volatile("msr control, %0" ::"r"(bulkhead_contexts[current].control) : "memory");
    return &bulkhead_contexts[current];
}

__attribute__((naked)) void PendSV_Handler(void)
{
    __asm__ volatile(
        "mrs r0, psp\n"
        "stmdb r0!, {r4-r11}\n"
        "mov r1, lr\n"
        "bl bulkhead_pendsv_switch\n"
        "ldr r1, [r0, #4]\n"
        "ldr lr, [r0, #8]\n"
        "ldr r0, [r0]\n"
        "ldmia r0!, {r4-r11}\n"
        "msr psp, r0\n"
        "msr psplim, r1\n"
        "bx lr\n");
}

void Z_platformZ_thread_switch(struct Z_platform_instance_t *ctx, u32 thread)
{
    (void)ctx;
    next = thread;
    REG32(SCB_ICSR) = SCB_ICSR_PENDSVSET;
}

void Z_platformZ_thread_return(struct Z_platform_instance_t *ctx, u32 thread, u32 value)
{
    (void)ctx;
    bulkhead_frames[thread][0] = value;
}

/* The partition's thread is dead and never scheduled again: the SVC returns into PendSV. A FLIH
 * of the partition is left at once. */
void Z_platformZ_abort_partition(struct Z_platform_instance_t *ctx)
{
    (void)ctx;
    if (in_flih) {
        longjmp(flih_unwind, 1);
    }
}

/* A FLIH runs in the interrupt handler (handler mode, the SVC's priority). When the SPM gives up
 * on its partition (a trap, a programmer error) control unwinds to here, still in the handler. */
u32 Z_platformZ_flih_call(struct Z_platform_instance_t *ctx, u32 irq)
{
    (void)ctx;
    volatile u32 result = 0;
    if (setjmp(flih_unwind) == 0) {
        in_flih = 1;
        result = bulkhead_flih_dispatch(irq);
    }
    in_flih = 0;
    return result;
}

/* Under IPC nothing waits inside the SPM: a thread that waits is switched out, and when none is
 * ready the idle thread sleeps. */
void Z_platformZ_wait_for_interrupt(struct Z_platform_instance_t *ctx)
{
    (void)ctx;
    bulkhead_trap_report("wait for interrupt inside the SPM under the IPC backend");
}

/* SFN dispatch and entry_init run in the partition's own thread (below), never from the SPM. */
u32 Z_platformZ_sfn_call(struct Z_platform_instance_t *ctx, u32 service, u32 msg)
{
    (void)ctx;
    (void)service;
    (void)msg;
    bulkhead_trap_report("SFN call from the SPM under the IPC backend");
    return 0;
}

u32 Z_platformZ_partition_init(struct Z_platform_instance_t *ctx, u32 partition)
{
    (void)ctx;
    (void)partition;
    bulkhead_trap_report("entry_init call from the SPM under the IPC backend");
    return 0;
}

/* A partition thread's body. IPC model: its entry_point, which never returns. SFN model: its
 * entry_init, then one SFN call per message the SPM hands it. */
static void partition_thread(uint32_t p)
{
    if (bulkhead_threads[p].ipc_model) {
        bulkhead_entry_point(p);
        SPM_ENTER(SPM_THREAD_EXIT, 0, 0, 0, 0, 0);
    } else {
        SPM_ENTER(SPM_INIT_DONE, bulkhead_entry_init(p), 0, 0, 0, 0);
        for (;;) {
            uint32_t service = SPM_ENTER(SPM_SFN_NEXT, 0, 0, 0, 0, 0);
            if (service != NO_ROW) {
                SPM_ENTER(SPM_SFN_DONE, bulkhead_sfn_dispatch(service, PSA_MSG_SLOT), 0, 0, 0, 0);
            }
        }
    }
    for (;;) {
    }
}

/* A trap in partition code (thread mode in a partition's thread, or a FLIH) panics that
 * partition; anywhere else (the SPM in handler mode, the NS agent) it is the SPM's and halts. An
 * unprivileged partition's thread may not read the port's variables, so its CONTROL.nPRIV
 * answers first. */
void bulkhead_wasm_trap(uint32_t code, const char *name)
{
    uint32_t control;
    __asm__ volatile("mrs %0, control" : "=r"(control));
    if (bulkhead_ipsr() == 0 && ((control & CONTROL_NPRIV) || current != NS_AGENT)) {
        SPM_ENTER(SPM_FAULT, code, 0, 0, 0, 0);
        for (;;) {
        }
    }
    if (in_flih) {
        SPM_ENTER_FROM_HANDLER((Z_spmZ_spm_fault(SPM, code), 0)); /* unwinds to flih_call */
    }
    bulkhead_trap_report(name);
}

/* Where a faulting partition context resumes (faults.c): it tells the SPM as a trap would. */
void bulkhead_partition_fault(uint32_t kind, uint32_t address, uint32_t status)
{
    if (bulkhead_ipsr() != 0) {
        SPM_ENTER_FROM_HANDLER((Z_spmZ_spm_hw_fault(SPM, kind, address, status), 0)); /* unwinds to flih_call */
    }
    SPM_ENTER(SPM_HW_FAULT, kind, address, status, 0, 0);
    for (;;) {
    }
}

/* A fault in a FLIH resumes the FLIH's handler-mode context; a fault in a partition's thread
 * resumes it on a fresh frame at the top of its stack, which also recovers from a stack-limit
 * fault (whose frame the hardware could not push). */
uint32_t bulkhead_partition_fault_resume(uint32_t exc_return, uint32_t *frame, uint32_t kind, uint32_t address, uint32_t status)
{
    if (in_flih && !(exc_return & EXC_RETURN_THREAD_MODE)) {
        bulkhead_fault_frame(frame, exc_return, kind, address, status);
        return exc_return;
    }
    if (!(exc_return & EXC_RETURN_THREAD_MODE) || current == NS_AGENT || current > bulkhead_partition_count) {
        return 0;
    }
    const struct bulkhead_thread_info *t = &bulkhead_threads[current - 1];
    uint32_t *sp = (uint32_t *)(((uint32_t)t->stack + t->stack_size) & ~7u) - 8;
    bulkhead_fault_frame(sp, EXC_RETURN_SECURE_THREAD_PSP, kind, address, status);
    __asm__ volatile("msr psp, %0" ::"r"(sp));
    return EXC_RETURN_SECURE_THREAD_PSP;
}

/* The thread that runs when no other is ready (the SPM's IDLE_THREAD): it sleeps until an
 * interrupt makes one ready. */
static __attribute__((noreturn)) void idle_thread(uint32_t unused)
{
    (void)unused;
    for (;;) {
        __asm__ volatile("wfi");
    }
}

/* A new thread's stack: an exception frame that "returns" into body(arg), under the r4-r11
 * PendSV pops. */
static void prepare_thread(uint32_t thread, uint8_t *stack, uint32_t size, uint32_t privileged, void (*body)(uint32_t), uint32_t arg)
{
    uint32_t *sp = (uint32_t *)(((uint32_t)stack + size) & ~7u);
    *--sp = XPSR_THUMB;
    *--sp = (uint32_t)body & ~1u; /* pc */
    *--sp = 0;                    /* lr: a thread body never returns */
    *--sp = 0;                    /* r12 */
    *--sp = 0;                    /* r3 */
    *--sp = 0;                    /* r2 */
    *--sp = 0;                    /* r1 */
    *--sp = arg;                  /* r0 */
    for (int i = 0; i < 8; i++) {
        *--sp = 0; /* r4-r11 */
    }
    bulkhead_contexts[thread].sp = (uint32_t)sp;
    bulkhead_contexts[thread].psplim = (uint32_t)stack;
    bulkhead_contexts[thread].exc_return = EXC_RETURN_SECURE_THREAD_PSP;
    bulkhead_contexts[thread].control = privileged ? 0 : CONTROL_NPRIV;
}

/* The NS agent thread: boots the SPM (an SVC that returns once every partition has
 * initialised), then enters the NS image, from which it comes back only through the veneers. */
static __attribute__((noreturn, used)) void ns_agent(void (*launch_ns)(void))
{
    SPM_ENTER(SPM_BOOT, 0, 0, 0, 0, 0);
    launch_ns();
    for (;;) {
    }
}

/* Thread mode moves to PSP on the NS agent's stack and never comes back to this frame (the MSP
 * stays the handler stack). */
void bulkhead_spm_start(void (*launch_ns)(void))
{
    for (uint32_t p = 0; p < bulkhead_partition_count; p++) {
        const struct bulkhead_thread_info *t = &bulkhead_threads[p];
        prepare_thread(1 + p, t->stack, t->stack_size, t->privileged, partition_thread, p);
    }
    prepare_thread(1 + bulkhead_partition_count, idle_stack, sizeof idle_stack, 1, idle_thread, 0);
    REG32(SCB_SHPR3) |= 0xFFu << 16; /* PendSV lowest: it switches only when nothing else runs */
    bulkhead_contexts[NS_AGENT].psplim = (uint32_t)ns_agent_stack;
    __asm__ volatile(
        "msr psp, %0\n"
        "msr psplim, %1\n"
        "mrs r3, control\n"
        "orr r3, r3, #2\n"
        "msr control, r3\n"
        "isb\n"
        "mov r0, %2\n"
        "bl ns_agent\n" ::"r"((uint32_t)ns_agent_stack + NS_AGENT_STACK_SIZE),
        "r"((uint32_t)ns_agent_stack), "r"(launch_ns)
        : "r0", "r3", "lr", "memory");
    for (;;) {
    }
}
#endif
