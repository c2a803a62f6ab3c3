/* Secure reset: memory init, TrustZone set-up, the Wasm modules (SPM and partitions), then the
 * jump to the non-secure image. */
#include "bulkhead/port.h"
#include "bulkhead_abi/facts.h"
#include "board_config.h"
#include "bulkhead/spm_call.h"

#define SCB_SHCSR 0xE000ED24u
#define SCB_SHCSR_FAULTS_ENA (0xFu << 16) /* MemManage, BusFault, UsageFault, SecureFault */
#define SCB_NS_VTOR 0xE002ED08u
#define SCB_SHPR2 0xE000ED1Cu
#define NVIC_IPR 0xE000E400u
/* SVC and every interrupt share one priority (the SPM runs at it and never preempts itself);
 * the faults stay above it, so that a fault in a FLIH is taken, not escalated to HardFault. */
#define SPM_PRIORITY 0x40u

extern uint32_t __stack_top[];

void bulkhead_trustzone_init(void);

/* The NS image's vector table gives its stack and reset handler; the backend enters it. */
static uint32_t prepare_ns(void)
{
    const uint32_t *ns_vectors = (const uint32_t *)BOARD_NS_CODE_BASE;
    REG32(SCB_NS_VTOR) = BOARD_NS_CODE_BASE;
    __asm__ volatile("msr msp_ns, %0" ::"r"(ns_vectors[0]));
    return ns_vectors[1];
}

void bulkhead_ns_returned(void)
{
    bulkhead_uart_puts("[SPM] the non-secure image returned\n");
    bulkhead_exit(BULKHEAD_EXIT_NS_RETURNED);
}

__attribute__((noreturn)) void Reset_Handler(void)
{
    bulkhead_memory_init();

    REG32(SCB_SHCSR) |= SCB_SHCSR_FAULTS_ENA;
    REG32(SCB_SHPR2) = SPM_PRIORITY << 24;
    for (uint32_t line = 0; line < BOARD_IRQ_LINES; line++) {
        ((volatile uint8_t *)NVIC_IPR)[line] = SPM_PRIORITY;
    }
    bulkhead_uart_init();
    bulkhead_trustzone_init();
    bulkhead_modules_init();
#if BULKHEAD_WATCHDOG
    bulkhead_watchdog_init(SPM_PRIORITY);
#endif
    bulkhead_spm_start(prepare_ns());
}

void bulkhead_trap_report(const char *what)
{
    bulkhead_uart_puts("[SPM] FATAL Wasm trap in secure code: ");
    bulkhead_uart_puts(what);
    bulkhead_uart_puts("\n");
    bulkhead_exit(BULKHEAD_EXIT_SECURE_TRAP);
}

/* IPC backend: entry into the SPM and the context switch (backend_ipc.c). Under the SFN backend
 * nothing raises them. */
#if BULKHEAD_BACKEND_IPC
void SVC_Handler(void);
void PendSV_Handler(void);
#else
#define SVC_Handler Unexpected_Handler
#define PendSV_Handler Unexpected_Handler
#endif

/* The secure watchdog's tick (watchdog.c), in images where a partition has a budget. */
#if BULKHEAD_WATCHDOG
void SysTick_Handler(void);
void bulkhead_watchdog_init(uint8_t priority);
#else
#define SysTick_Handler Unexpected_Handler
#endif

void HardFault_Handler(void);
void MemManage_Handler(void);
void BusFault_Handler(void);
void UsageFault_Handler(void);
void SecureFault_Handler(void);

static void Unexpected_Handler(void)
{
    bulkhead_uart_puts("[SPM] FATAL unexpected exception\n");
    bulkhead_exit(BULKHEAD_EXIT_SECURE_FAULT);
}

void bulkhead_irq_handler(void);

__attribute__((section(".vectors"), used)) static void (*const vectors[16 + BOARD_IRQ_LINES])(void) = {
    (void (*)(void))__stack_top,
    Reset_Handler,
    Unexpected_Handler, /* NMI */
    HardFault_Handler,
    MemManage_Handler,
    BusFault_Handler,
    UsageFault_Handler,
    SecureFault_Handler,
    0, 0, 0,
    SVC_Handler,
    Unexpected_Handler, /* DebugMonitor */
    0,
    PendSV_Handler,
    SysTick_Handler,
    [16 ... 16 + BOARD_IRQ_LINES - 1] = bulkhead_irq_handler,
};
