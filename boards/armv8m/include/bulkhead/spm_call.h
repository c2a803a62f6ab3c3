/* How C code enters the SPM module. IPC backend: an SVC, so the SPM runs in handler mode, never
 * blocks, and a thread switch it asks for (PendSV) happens on the way out. SFN backend: a direct
 * call in the caller's context. */
#ifndef BULKHEAD_SPM_CALL_H
#define BULKHEAD_SPM_CALL_H

#include <stdint.h>
#include "board_config.h"
#include "spm.h"
#include "bulkhead_abi/facts.h" /* bulkhead_call_pack */

#include "spm_exports.h" /* enum spm_call: an SVC number per SPM export (generated) */

extern Z_spm_instance_t bulkhead_instance_spm;
#define SPM (&bulkhead_instance_spm)

static inline __attribute__((always_inline)) uint32_t bulkhead_ipsr(void)
{
    uint32_t ipsr;
    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    return ipsr;
}

#if BULKHEAD_BACKEND_IPC
#define SPM_ENTER(num, a, b, c, d, direct) bulkhead_svc(num, (uint32_t)(a), (uint32_t)(b), (uint32_t)(c), (uint32_t)(d))
/* From an interrupt handler (and a FLIH it runs), at the SVC's priority: the SPM is not running
 * and cannot start, and an SVC would escalate to HardFault, so the SPM is called directly. */
#define SPM_ENTER_FROM_HANDLER(direct) ((uint32_t)(direct))
static inline __attribute__((always_inline)) uint32_t bulkhead_svc(const uint32_t num, uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    register uint32_t r0 __asm__("r0") = a;
    register uint32_t r1 __asm__("r1") = b;
    register uint32_t r2 __asm__("r2") = c;
    register uint32_t r3 __asm__("r3") = d;
    __asm__ volatile("svc %[n]" : "+r"(r0) : [n] "I"(num), "r"(r1), "r"(r2), "r"(r3) : "memory");
    return r0;
}
/* The SVC handler's table: the SPM export behind each number. */
uint32_t bulkhead_spm_dispatch(uint32_t num, uint32_t a, uint32_t b, uint32_t c, uint32_t d);
#else
/* Partition code calls the SPM: while the SPM runs, a trap is the SPM's, not the partition's,
 * and interrupts wait (PRIMASK), so the interrupt handler never sees the SPM's tables half
 * updated. Partition code the SPM runs (SFNs, FLIHs) has interrupts on again (backend_sfn.c). */
extern volatile uint32_t bulkhead_in_partition;
#define SPM_ENTER(num, a, b, c, d, direct)                                                                             \
    ({                                                                                                                 \
        uint32_t saved_ = bulkhead_in_partition;                                                                     \
        uint32_t primask_;                                                                                             \
        __asm__ volatile("mrs %0, primask\n cpsid i" : "=r"(primask_)::"memory");                                    \
        bulkhead_in_partition = 0;                                                                                     \
        uint32_t r_ = (uint32_t)(direct);                                                                              \
        bulkhead_in_partition = saved_;                                                                              \
        __asm__ volatile("msr primask, %0" ::"r"(primask_) : "memory");                                               \
        r_;                                                                                                            \
    })
#define SPM_ENTER_FROM_HANDLER(direct) SPM_ENTER(0, 0, 0, 0, 0, direct)
#endif

/* A partition's "psa" imports (generated spm_calls.c). Under IPC partition code runs in its thread,
 * except a FLIH, which runs in the interrupt handler. */
#if BULKHEAD_BACKEND_IPC
#define PSA_ENTER(num, a, b, c, d, direct) \
    (bulkhead_ipsr() != 0 ? SPM_ENTER_FROM_HANDLER(direct) : SPM_ENTER(num, a, b, c, d, direct))
#else
#define PSA_ENTER SPM_ENTER
#endif

/* TF-M's packed control word for psa_call; values that do not fit become ones the SPM rejects,
 * never aliases. */

void bulkhead_trap_report(const char *what);

/* Generated (secure_modules.c): the partitions' entry points and SFNs by the build's numbering. */
struct bulkhead_thread_info {
    uint8_t *stack;
    uint32_t stack_size;
    uint32_t ipc_model;
    uint32_t privileged; /* 0: the thread runs with CONTROL.nPRIV set (isolation level 2 ARoT, level 3) */
};
extern const uint32_t bulkhead_partition_count;
extern const struct bulkhead_thread_info bulkhead_threads[];

/* IPC backend, one per thread (the NS agents 0..BULKHEAD_NS_CONTEXTS, then partition p at
 * BULKHEAD_NS_CONTEXTS + 1 + p, then the idle thread), sized by the build: a
 * thread's saved stack pointer and limit, and its SVC exception frame while it is blocked. */
struct bulkhead_context {
    uint32_t sp;
    uint32_t psplim;
    uint32_t exc_return; /* how PendSV returns into the thread (secure thread mode, or NS code) */
    uint32_t control;    /* its CONTROL register: nPRIV for an unprivileged partition */
};
extern struct bulkhead_context bulkhead_contexts[];
extern uint32_t *bulkhead_frames[];
void bulkhead_modules_init(void);
void bulkhead_partition_reinstantiate(uint32_t partition);
int32_t bulkhead_sfn_dispatch(uint32_t service, uint32_t msg);
int32_t bulkhead_entry_init(uint32_t partition);
uint32_t bulkhead_flih_dispatch(uint32_t irq);
void bulkhead_entry_point(uint32_t partition);

/* Backend-specific (backend_sfn.c / backend_ipc.c): boots the SPM, then enters the NS image at
 * its reset handler. */
__attribute__((noreturn)) void bulkhead_spm_start(uint32_t ns_entry);
/* The NS image's reset handler returned (startup.c): the system stops. */
__attribute__((noreturn)) void bulkhead_ns_returned(void);

#endif
