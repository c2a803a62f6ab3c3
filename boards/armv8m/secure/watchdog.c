/* The secure watchdog's tick (assembly/spm/watchdog.ts): the secure SysTick interrupts every
 * millisecond; when it lands in a partition's own code the SPM charges that partition, and one
 * past its watchdog_ms budget is unwound exactly as a partition that faulted (faults.c), so the
 * rest of the system, NS code included, goes on. Armed only in images where some partition has a
 * budget; SysTick is banked, so the NS side keeps its own. At the SPM's priority it never
 * interrupts the SPM itself. */
#include "bulkhead/port.h"
#include "bulkhead/faults.h"
#include "bulkhead/spm_call.h"
#include "board_config.h"

#if BULKHEAD_WATCHDOG
#define SYST_CSR 0xE000E010u
#define SYST_RVR 0xE000E014u
#define SYST_CVR 0xE000E018u
#define SYST_CSR_ENABLE_TICKINT_CPUCLK 0x7u
#define SCB_SHPR3_SYSTICK 0xE000ED23u
#define TICK_HZ 1000u

void bulkhead_watchdog_init(uint8_t priority)
{
    ((volatile uint8_t *)SCB_SHPR3_SYSTICK)[0] = priority;
    REG32(SYST_RVR) = BOARD_CPU_CLOCK_HZ / TICK_HZ - 1u;
    REG32(SYST_CVR) = 0;
    REG32(SYST_CSR) = SYST_CSR_ENABLE_TICKINT_CPUCLK;
}

uint32_t bulkhead_watchdog(uint32_t exc_return, uint32_t *frame)
{
    if (!bulkhead_partition_code_interrupted(exc_return) || !SPM_ENTER_FROM_HANDLER(Z_spmZ_spm_watchdog_tick(SPM))) {
        return exc_return;
    }
    const uint32_t ret = bulkhead_partition_fault_resume(exc_return, frame, FAULT_WATCHDOG, 0, 0);
    return ret ? ret : exc_return;
}

/* The frame is on PSP or MSP as EXC_RETURN.SPSEL says; the C code may replace EXC_RETURN. */
__attribute__((naked)) void SysTick_Handler(void)
{
    __asm__ volatile("mov r0, lr\n"
                     "tst lr, #4\n"
                     "ite eq\n"
                     "mrseq r1, msp\n"
                     "mrsne r1, psp\n"
                     "bl bulkhead_watchdog\n"
                     "bx r0\n");
}
#endif
