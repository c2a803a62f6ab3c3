/* IPC backend: a thread per partition plus the NS agents (the secure contexts NS calls run in:
 * thread 0 the NS side's own, 1 + k NSCE context k). Every entry into the SPM is an SVC, so the
 * SPM runs in handler mode and never blocks; when it picks another thread it pends PendSV, which
 * switches contexts on the way out. A blocked thread's SVC returns the value the SPM hands over
 * when it wakes the thread.
 *
 * NS interrupts: partition threads run with them masked (BASEPRI 0x80), as TF-M's
 * CONFIG_TFM_SECURE_THREAD_MASK_NS_INTERRUPT does; NS exceptions must use the lower half of the
 * priorities (0x80-0xFF, where AIRCR.PRIS would put them: QEMU 7.2 escalates a SecureFault to
 * HardFault with PRIS set, so the SPM does not set it). So an NS
 * handler only ever interrupts NS code, an agent's veneer code or the idle thread, and NSCE's
 * save/load (ns_leave / ns_enter below) can hand the NS scheduler's task switch to the right
 * secure thread. PendSV sits between the SPM's priority and the NS range (not masked by that
 * BASEPRI); when it would switch threads under an active NS handler it waits, at the lowest
 * priority, for that handler to finish. */
#include "bulkhead/port.h"
#include "bulkhead/spm_call.h"
#include "bulkhead/faults.h"
#include "psa/client.h"
#include <setjmp.h>

#if BULKHEAD_BACKEND_IPC

#define SCB_ICSR 0xE000ED04u
#define SCB_ICSR_PENDSVSET (1u << 28)
#define SCB_ICSR_PENDSVCLR (1u << 27)
#define SCB_SHPR3_PENDSV 0xE000ED22u
#define PENDSV_PRIORITY 0x7Fu
#define PENDSV_DEFERRED 0xFFu
#define NS_MASK_PRIORITY 0x80u
#define NS_AGENT 0u
#define NS_AGENTS (BULKHEAD_NS_CONTEXTS + 1u)
#define IDLE_THREAD (NS_AGENTS + bulkhead_partition_count)
#define XPSR_THUMB 0x01000000u
#define NS_AGENT_STACK_SIZE 0x400u
#define IDLE_STACK_SIZE 0x100u
#define EXC_RETURN_SECURE_THREAD_PSP 0xFFFFFFFDu
#define CONTROL_NPRIV 1u
#define CONTROL_SPSEL 2u
/* What the hardware stacks under a secure context an NS exception interrupts (integrity
 * signature, a reserved word, r4-r11, then the usual frame) and the NS handler's EXC_RETURN to it
 * (Secure stack, DCRS 0): an NS scheduler resumes a task that was inside secure code with it. */
#define INTEGRITY_SIGNATURE 0xFEFA125Bu
#define ADDITIONAL_STATE_WORDS 2u
#define FRAME_WORDS 8u

static uint32_t current;
static uint32_t next;
static jmp_buf flih_unwind;
static volatile uint32_t in_flih; /* a FLIH runs: aborting its partition leaves it */
static uint8_t ns_agent_stacks[NS_AGENTS][NS_AGENT_STACK_SIZE] __attribute__((aligned(8)));
static uint8_t idle_stack[IDLE_STACK_SIZE] __attribute__((aligned(8)));

/* Called by SVC_Handler with the caller's exception frame (r0-r3, r12, lr, pc, xPSR). The SVC
 * number is the immediate of the SVC instruction just before the stacked pc. */
void bulkhead_svc_handler(uint32_t *frame)
{
    uint32_t num = ((const uint8_t *)frame[6])[-2];
    /* NS code the NS scheduler resumed into the wrong security state runs as the idle thread,
     * which is no client: its veneer calls are refused before the SPM sees them. */
    if (current == IDLE_THREAD) {
        frame[0] = (uint32_t)PSA_ERROR_PROGRAMMER_ERROR;
        return;
    }
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
static inline void set_pendsv_priority(uint8_t priority)
{
    ((volatile uint8_t *)SCB_SHPR3_PENDSV)[0] = priority;
}

static inline uint32_t is_partition_thread(uint32_t t)
{
    return t >= NS_AGENTS && t < IDLE_THREAD;
}

struct bulkhead_context *bulkhead_pendsv_switch(uint32_t sp, uint32_t exc_return)
{
    set_pendsv_priority(PENDSV_PRIORITY);
    bulkhead_contexts[current].sp = sp;
    bulkhead_contexts[current].exc_return = exc_return;
    current = next;
    __asm__ volatile("msr basepri, %0" ::"r"(is_partition_thread(current) ? NS_MASK_PRIORITY : 0u) : "memory");
    __asm__ volatile("msr psplim, %0" ::"r"(0u));
    /* Written whole, not read-modified: in handler mode SPSEL ignores writes and the exception
     * return sets SPSEL and FPCA from EXC_RETURN, so nPRIV is the only bit that matters (SFPA stays
     * 0: the image is soft-float). */
    __asm__ volatile("msr control, %0" ::"r"(bulkhead_contexts[current].control) : "memory");
    return &bulkhead_contexts[current];
}

/* Under an NS handler (EXC_RETURN to handler mode) the switch waits for the handler to end. */
void bulkhead_pendsv_defer(void)
{
    set_pendsv_priority(PENDSV_DEFERRED);
    REG32(SCB_ICSR) = SCB_ICSR_PENDSVSET;
}

__attribute__((naked)) void PendSV_Handler(void)
{
    __asm__ volatile(
        "tst lr, #8\n"
        "bne 1f\n"
        "push {r0, lr}\n"
        "bl bulkhead_pendsv_defer\n"
        "pop {r0, pc}\n"
        "1:\n"
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

/* A partition thread's body. IPC model: its entry_point, which never returns. SFN model: its
 * entry_init, then one SFN call per message the SPM hands it. SFN_DONE answers the message and
 * hands over the next one (NO_ROW: the thread waited, and asks again). */
static void partition_thread(uint32_t p)
{
    if (bulkhead_threads[p].ipc_model) {
        bulkhead_entry_point(p);
        SPM_ENTER(SPM_THREAD_EXIT, 0, 0, 0, 0, 0);
    } else {
        SPM_ENTER(SPM_INIT_DONE, bulkhead_entry_init(p), 0, 0, 0, 0);
        uint32_t service = BULKHEAD_NO_ROW;
        for (;;) {
            service = service == BULKHEAD_NO_ROW ? SPM_ENTER(SPM_SFN_NEXT, 0, 0, 0, 0, 0)
                                        : SPM_ENTER(SPM_SFN_DONE, bulkhead_sfn_dispatch(service, BULKHEAD_PSA_MSG_SLOT), 0, 0, 0, 0);
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
    if (bulkhead_ipsr() == 0 && ((control & CONTROL_NPRIV) || is_partition_thread(current))) {
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
    if (!(exc_return & EXC_RETURN_THREAD_MODE) || !is_partition_thread(current)) {
        return 0;
    }
    const struct bulkhead_thread_info *t = &bulkhead_threads[current - NS_AGENTS];
    uint32_t *sp = (uint32_t *)(((uint32_t)t->stack + t->stack_size) & ~7u) - 8;
    bulkhead_fault_frame(sp, EXC_RETURN_SECURE_THREAD_PSP, kind, address, status);
    __asm__ volatile("msr psp, %0" ::"r"(sp));
    return EXC_RETURN_SECURE_THREAD_PSP;
}

/* The SPM runs in the SVC handler, so thread mode in a partition thread is that partition's code. */
uint32_t bulkhead_partition_code_interrupted(uint32_t exc_return)
{
    return !in_flih && (exc_return & EXC_RETURN_THREAD_MODE) && (exc_return & EXC_RETURN_SECURE_STACK) && is_partition_thread(current);
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
    bulkhead_contexts[thread].control = (privileged ? 0 : CONTROL_NPRIV) | CONTROL_SPSEL;
}

/* Where an agent's PSP rests while NS code runs on it: its stack top, less the two words of the
 * function-return state BLXNS pushes (agent 0 entered the NS image that way; the others keep
 * the same layout). PSP anywhere else means the agent is inside a veneer. */
static inline uint32_t agent_rest(uint32_t t)
{
    return (uint32_t)ns_agent_stacks[t] + NS_AGENT_STACK_SIZE - 8u;
}

/* NSCE, from an NS handler (the veneer checked): the NS side leaves agent t. Because partition
 * threads mask NS interrupts, the handler interrupted NS code on t (PSP at rest), t's veneer code,
 * or the idle thread; the last two left an extended frame on their stack, which becomes that
 * thread's saved context, as PendSV would have left it. */
u32 Z_platformZ_ns_leave(struct Z_platform_instance_t *ctx, u32 t)
{
    (void)ctx;
    uint32_t psp;
    __asm__ volatile("mrs %0, psp" : "=r"(psp));
    if (current == t && psp == agent_rest(t)) {
        return 0;
    }
    bulkhead_contexts[current].sp = psp + 4u * ADDITIONAL_STATE_WORDS;
    bulkhead_contexts[current].exc_return = EXC_RETURN_SECURE_THREAD_PSP;
    return 1;
}

/* NSCE: the NS side goes on as agent t. When the NS scheduler resumes a task that was inside
 * secure code, its exception return unstacks an extended frame from PSP: a fresh one of the idle
 * thread, which the SPM's next switch replaces by the thread that is due. */
void Z_platformZ_ns_enter(struct Z_platform_instance_t *ctx, u32 t, u32 in_secure)
{
    (void)ctx;
    REG32(SCB_ICSR) = SCB_ICSR_PENDSVCLR;
    set_pendsv_priority(PENDSV_PRIORITY);
    uint32_t sp = agent_rest(t);
    uint32_t limit = (uint32_t)ns_agent_stacks[t];
    current = t;
    if (in_secure) {
        uint32_t *frame = (uint32_t *)(((uint32_t)idle_stack + IDLE_STACK_SIZE) & ~7u) - FRAME_WORDS - 8u - ADDITIONAL_STATE_WORDS;
        for (uint32_t i = 0; i < FRAME_WORDS + 8u + ADDITIONAL_STATE_WORDS; i++) {
            frame[i] = 0;
        }
        frame[0] = INTEGRITY_SIGNATURE;
        frame[ADDITIONAL_STATE_WORDS + 8u + 6u] = (uint32_t)idle_thread & ~1u; /* pc */
        frame[ADDITIONAL_STATE_WORDS + 8u + 7u] = XPSR_THUMB;
        sp = (uint32_t)frame;
        limit = (uint32_t)idle_stack;
        current = IDLE_THREAD;
    }
    next = current;
    /* Privileged, on PSP: NS code returning to NS state restores no secure CONTROL, and a veneer it
     * calls next must run on the agent's stack. */
    __asm__ volatile("msr psplim, %0\n msr psp, %1\n msr control, %2" ::"r"(limit), "r"(sp), "r"(CONTROL_SPSEL) : "memory");
}

/* The NS agent thread: boots the SPM (an SVC that returns once every partition has
 * initialised), then enters the NS image from its rest position, from which it comes back only
 * through the veneers. */
static __attribute__((noreturn, used)) void ns_agent(uint32_t ns_entry)
{
    SPM_ENTER(SPM_BOOT, 0, 0, 0, 0, 0);
    __asm__ volatile("mov sp, %0\n"
                     "bic r0, %1, #1\n"
                     "blxns r0\n" ::"r"(agent_rest(NS_AGENT) + 8u), "r"(ns_entry)
                     : "r0", "r1", "r2", "r3", "r12", "lr", "memory");
    bulkhead_ns_returned();
}

/* Restart policy: the partition's memory from its image, and its thread from the top of its body
 * again. Its old context is not running: it died, and the SPM switched away from it then. */
void Z_platformZ_partition_reset(struct Z_platform_instance_t *ctx, u32 p)
{
    (void)ctx;
    const struct bulkhead_thread_info *t = &bulkhead_threads[p];
    bulkhead_partition_reinstantiate(p);
    prepare_thread(NS_AGENTS + p, t->stack, t->stack_size, t->privileged, partition_thread, p);
}

/* Thread mode moves to PSP on the NS agent's stack and never comes back to this frame (the MSP
 * stays the handler stack). */
void bulkhead_spm_start(uint32_t ns_entry)
{
    for (uint32_t p = 0; p < bulkhead_partition_count; p++) {
        const struct bulkhead_thread_info *t = &bulkhead_threads[p];
        prepare_thread(NS_AGENTS + p, t->stack, t->stack_size, t->privileged, partition_thread, p);
    }
    prepare_thread(IDLE_THREAD, idle_stack, sizeof idle_stack, 1, idle_thread, 0);
    set_pendsv_priority(PENDSV_PRIORITY);
    for (uint32_t t = 0; t < NS_AGENTS; t++) {
        bulkhead_contexts[t].psplim = (uint32_t)ns_agent_stacks[t];
        bulkhead_contexts[t].control = CONTROL_SPSEL;
    }
    __asm__ volatile(
        "msr psp, %0\n"
        "msr psplim, %1\n"
        "mrs r3, control\n"
        "orr r3, r3, #2\n"
        "msr control, r3\n"
        "isb\n"
        "mov r0, %2\n"
        "bl ns_agent\n" ::"r"((uint32_t)ns_agent_stacks[NS_AGENT] + NS_AGENT_STACK_SIZE),
        "r"((uint32_t)ns_agent_stacks[NS_AGENT]), "r"(ns_entry)
        : "r0", "r3", "lr", "memory");
    for (;;) {
    }
}
#endif
