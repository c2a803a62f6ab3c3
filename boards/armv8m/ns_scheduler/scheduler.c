/* The NS image's preemptive round-robin scheduler with NSCE (bulkhead/ns_scheduler.h). SysTick
 * pends PendSV; PendSV saves the running task (r4-r11 on its stack, its EXC_RETURN here), tells
 * NSCE (save, or release when the task has ended), and loads the next task whose context NSCE
 * lets it load. A context can refuse a load: its group's context is inside a secure call of
 * another thread of the group, whose turn it stays until the call returns. Both handlers run at the
 * lowest priorities (PendSV 0xFF, SysTick 0x80), as NS exceptions must (backend_ipc.c). */
#include <stddef.h>
#include "bulkhead/ns_scheduler.h"
#include "tfm_ns_client_ext.h"

#define REG(a) (*(volatile uint32_t *)(a))
#define ICSR 0xE000ED04u
#define ICSR_PENDSVSET (1u << 28)
#define SHPR3_PENDSV 0xE000ED22u
#define SHPR3_SYSTICK 0xE000ED23u
#define SYST_CSR 0xE000E010u
#define SYST_RVR 0xE000E014u
#define SYST_CVR 0xE000E018u
#define SYST_ON_WITH_IRQ 0x7u
#define XPSR_THUMB 0x01000000u
#define EXC_RETURN_NS_THREAD_PSP 0xFFFFFFBCu

static struct ns_task *tasks;
static uint32_t task_count;
static uint32_t current; /* task_count: the caller of ns_scheduler_run */
static struct ns_task caller;
static void (*init_hook)(void);
static uint32_t granted;
static uint32_t tick_cycles;

struct ns_task *ns_current_task(void)
{
    return current < task_count ? &tasks[current] : NULL;
}

static void pend_switch(void)
{
    REG(ICSR) = ICSR_PENDSVSET;
}

/* Where a task's entry function returns to: it has ended; its context is released when the
 * scheduler switches away from it (release without save, as NSCE allows). */
static void task_exit(void)
{
    tasks[current].done = 1;
    pend_switch();
    for (;;) {
        __asm__ volatile("wfi");
    }
}

static struct ns_task *slot(uint32_t i)
{
    return i < task_count ? &tasks[i] : &caller;
}

/* Called by PendSV with the outgoing context; returns the incoming one. */
struct ns_task *ns_scheduler_switch(uint32_t sp, uint32_t exc_return)
{
    struct ns_task *out = slot(current);
    out->sp = sp;
    out->exc_return = exc_return;
    if (current < task_count && out->token != TFM_NS_CLIENT_INVALID_TOKEN) {
        if (out->done) {
            tfm_nsce_release_ctx(out->token);
            out->token = TFM_NS_CLIENT_INVALID_TOKEN;
        } else {
            tfm_nsce_save_ctx(out->token);
        }
    }
    /* Round robin from the next task; the outgoing one comes last. */
    for (uint32_t k = 1; k <= task_count; k++) {
        uint32_t i = (current + k) % (task_count + 1);
        if (i == task_count || tasks[i].done) {
            continue;
        }
        if (tasks[i].token != TFM_NS_CLIENT_INVALID_TOKEN &&
            tfm_nsce_load_ctx(tasks[i].token, tasks[i].nsid) != TFM_NS_CLIENT_ERR_SUCCESS) {
            continue;
        }
        current = i;
        return &tasks[i];
    }
    if (current < task_count && !out->done) {
        if (out->token == TFM_NS_CLIENT_INVALID_TOKEN || tfm_nsce_load_ctx(out->token, out->nsid) == TFM_NS_CLIENT_ERR_SUCCESS) {
            return out;
        }
    }
    REG(SYST_CSR) = 0; /* every task has ended: the caller goes on */
    current = task_count;
    return &caller;
}

__attribute__((naked)) void PendSV_Handler(void)
{
    __asm__ volatile(
        "tst lr, #4\n"
        "ite eq\n"
        "mrseq r0, msp\n"
        "mrsne r0, psp\n"
        "stmdb r0!, {r4-r11}\n"
        "tst lr, #4\n"
        "it eq\n"
        "msreq msp, r0\n"
        "mov r1, lr\n"
        "bl ns_scheduler_switch\n"
        "ldr lr, [r0, #4]\n"
        "ldr r0, [r0, #0]\n"
        "ldmia r0!, {r4-r11}\n"
        "tst lr, #4\n"
        "ite eq\n"
        "msreq msp, r0\n"
        "msrne psp, r0\n"
        "bx lr\n");
}

void SysTick_Handler(void)
{
    pend_switch();
}

/* Kernel start (SVC from ns_scheduler_run, so in handler mode as NSCE requires): init, then a
 * context per task as it is created, then the first switch. */
void SVC_Handler(void)
{
    if (init_hook) {
        init_hook();
    }
    granted = tfm_nsce_init(0);
    uint8_t next_tid[256] = { 0 };
    for (uint32_t i = 0; i < task_count; i++) {
        struct ns_task *t = &tasks[i];
        uint32_t *sp = (uint32_t *)(((uint32_t)t->stack + t->stack_size) & ~7u);
        *--sp = XPSR_THUMB;
        *--sp = (uint32_t)t->entry & ~1u;
        *--sp = (uint32_t)task_exit;
        for (int r = 0; r < 5; r++) {
            *--sp = 0; /* r12, r3-r0 */
        }
        for (int r = 0; r < 8; r++) {
            *--sp = 0; /* r4-r11 */
        }
        t->sp = (uint32_t)sp;
        t->exc_return = EXC_RETURN_NS_THREAD_PSP;
        t->tid = next_tid[t->group]++;
        t->token = tfm_nsce_acquire_ctx(t->group, t->tid);
        t->nsid = ns_nsid_of(t->name);
        t->done = 0;
    }
    ((volatile uint8_t *)SHPR3_PENDSV)[0] = 0xFF;
    ((volatile uint8_t *)SHPR3_SYSTICK)[0] = 0x80;
    REG(SYST_RVR) = tick_cycles;
    REG(SYST_CVR) = 0;
    REG(SYST_CSR) = SYST_ON_WITH_IRQ;
    pend_switch();
}

uint32_t ns_scheduler_run(struct ns_task *t, uint32_t count, uint32_t tick, void (*kernel_init)(void))
{
    tasks = t;
    task_count = count;
    current = count;
    init_hook = kernel_init;
    tick_cycles = tick;
    /* Returns when PendSV switches back to this context: every task has ended. */
    __asm__ volatile("svc 0" ::: "memory");
    return granted;
}
