/* The benchmark's floors, in the secure image (built only for `bulkhead bench`): what an NS call
 * through one veneer and a thread switch pair cost when written by hand with nothing else to do.
 * Every bulkhead figure is reported beside these, measured in the same run. */
#include <arm_cmse.h>
#include "bulkhead/port.h"
#include "board_config.h"

#define SCB_ICSR 0xE000ED04u
#define SCB_VTOR 0xE000ED08u
#define ICSR_PENDSVSET (1u << 28)
#define XPSR_THUMB 0x01000000u
#define VECTORS (16u + BOARD_IRQ_LINES)
#define PENDSV 14u

/* A null psa_call written by hand: unpack the handle, check it, look the service up in a constant
 * table, call it, return its status (TOOLCHAIN.md's minimal SFN-style dispatch). */
typedef int32_t (*floor_service_t)(void);
static int32_t __attribute__((noinline)) floor_service(void)
{
    return 0;
}
static const floor_service_t floor_services[4] = { floor_service, floor_service, floor_service, floor_service };

__attribute__((cmse_nonsecure_entry)) int32_t bulkhead_bench_floor_veneer(uint32_t handle)
{
    uint32_t index = handle & 0xffu;
    if (index >= sizeof floor_services / sizeof floor_services[0]) {
        return -129;
    }
    return floor_services[index]();
}

/* Two threads that hand the CPU to each other through PendSV, on a vector table of their own:
 * thread A is the veneer's caller (on its own stack), thread B a loop. */
static uint32_t floor_vectors[VECTORS] __attribute__((aligned(1024)));
uint32_t bulkhead_floor_stack_a[128] __attribute__((aligned(8)));
static uint32_t stack_b[64] __attribute__((aligned(8)));
uint32_t bulkhead_floor_other_sp; /* the stack pointer of the thread not running */
uint32_t bulkhead_floor_saved[2]; /* the caller's CONTROL and PSP */

/* The minimal switch: save r4-r11 of one thread, load the other's. */
__attribute__((naked)) static void floor_pendsv(void)
{
    __asm__ volatile("mrs r0, psp\n"
                     "stmdb r0!, {r4-r11}\n"
                     "ldr r1, =bulkhead_floor_other_sp\n"
                     "ldr r2, [r1]\n"
                     "str r0, [r1]\n"
                     "ldmia r2!, {r4-r11}\n"
                     "msr psp, r2\n"
                     "bx lr\n");
}

static void __attribute__((noreturn)) thread_b(void)
{
    for (;;) {
        REG32(SCB_ICSR) = ICSR_PENDSVSET;
        __asm__ volatile("isb" ::: "memory");
    }
}

void bulkhead_floor_loop(uint32_t pairs)
{
    for (uint32_t i = 0; i < pairs; i++) {
        REG32(SCB_ICSR) = ICSR_PENDSVSET;
        __asm__ volatile("isb" ::: "memory");
    }
}

/* Runs bulkhead_floor_loop(pairs) on PSP = bulkhead_floor_stack_a whatever stack the caller is on (MSP under the
 * SFN backend, the NS agent's PSP under IPC), and puts the caller's stack back after. */
__attribute__((naked)) static void run_on_psp(uint32_t pairs)
{
    __asm__ volatile("push {r4-r11, lr}\n"
                     "ldr r3, =bulkhead_floor_saved\n"
                     "mrs r1, control\n"
                     "str r1, [r3]\n"
                     "mrs r2, psp\n"
                     "str r2, [r3, #4]\n"
                     "ldr r2, =bulkhead_floor_stack_a + 512\n"
                     "msr psp, r2\n"
                     "orr r1, r1, #2\n"
                     "msr control, r1\n"
                     "isb\n"
                     "bl bulkhead_floor_loop\n"
                     "ldr r3, =bulkhead_floor_saved\n"
                     "ldr r2, [r3, #4]\n"
                     "msr psp, r2\n"
                     "ldr r1, [r3]\n"
                     "msr control, r1\n"
                     "isb\n"
                     "pop {r4-r11, pc}\n");
}

__attribute__((cmse_nonsecure_entry)) uint32_t bulkhead_bench_switch_floor_veneer(uint32_t pairs)
{
    uint32_t primask, basepri;
    __asm__ volatile("mrs %0, primask\n mrs %1, basepri" : "=r"(primask), "=r"(basepri));
    const uint32_t *current = (const uint32_t *)REG32(SCB_VTOR);
    for (uint32_t i = 0; i < VECTORS; i++) {
        floor_vectors[i] = current[i];
    }
    floor_vectors[PENDSV] = (uint32_t)floor_pendsv;
    uint32_t *frame = &stack_b[64 - 8];
    frame[5] = 0;                         /* lr */
    frame[6] = (uint32_t)thread_b & ~1u;  /* pc */
    frame[7] = XPSR_THUMB;
    bulkhead_floor_other_sp = (uint32_t)(frame - 8); /* r4-r11 below the frame */
    __asm__ volatile("cpsid i\n dsb" ::: "memory");
    REG32(SCB_VTOR) = (uint32_t)floor_vectors;
    __asm__ volatile("dsb\n isb\n msr basepri, %0\n cpsie i" ::"r"(0u) : "memory");
    run_on_psp(pairs);
    __asm__ volatile("cpsid i" ::: "memory");
    REG32(SCB_VTOR) = (uint32_t)current;
    __asm__ volatile("dsb\n isb\n msr basepri, %0\n msr primask, %1" ::"r"(basepri), "r"(primask) : "memory");
    return 0;
}
