/* Secure fault handlers. A fault raised by a partition's code (the MPU refusing an access, a
 * stack-limit overflow, TrustZone refusing secure code an NS branch) panics that partition only:
 * the handler reads the fault status, clears it and resumes the partition's context in
 * bulkhead_partition_fault(), which tells the SPM as a trap would. A fault in the SPM, the port
 * or raised by non-secure code halts the system with the status on the UART. */
#include "bulkhead/port.h"
#include "bulkhead/faults.h"

#define SCB_CFSR 0xE000ED28u
#define SCB_HFSR 0xE000ED2Cu
#define SCB_MMFAR 0xE000ED34u
#define SCB_BFAR 0xE000ED38u
#define SCB_SFSR 0xE000EDE4u
#define SCB_SFAR 0xE000EDE8u
#define CFSR_MMARVALID (1u << 7)
#define CFSR_BFARVALID (1u << 15)
#define SFSR_SFARVALID (1u << 6)
#define FRAME_PC 6

static const char *const names[] = { "HardFault", "MemManage", "BusFault", "UsageFault", "SecureFault" };

/* The fault status registers a halt reports, in the order it prints them. */
static const struct {
    const char *label;
    uint32_t addr;
} fault_registers[] = {
    { " CFSR=", SCB_CFSR }, { " HFSR=", SCB_HFSR }, { " SFSR=", SCB_SFSR },
    { " SFAR=", SCB_SFAR }, { " MMFAR=", SCB_MMFAR }, { " BFAR=", SCB_BFAR },
};

static __attribute__((noreturn)) void fatal(const char *name, const char *whose)
{
    bulkhead_uart_puts("[SPM] FATAL ");
    bulkhead_uart_puts(name);
    bulkhead_uart_puts(whose);
    for (uint32_t i = 0; i < sizeof fault_registers / sizeof fault_registers[0]; i++) {
        bulkhead_uart_puts(fault_registers[i].label);
        bulkhead_uart_hex(REG32(fault_registers[i].addr));
    }
    bulkhead_uart_puts("\n");
    bulkhead_exit(BULKHEAD_EXIT_SECURE_FAULT);
}

/* The fault's address: the one the status registers hold, else the faulting instruction. */
static uint32_t fault_address(uint32_t kind, const uint32_t *frame)
{
    uint32_t cfsr = REG32(SCB_CFSR);
    if (kind == FAULT_MEMMANAGE && (cfsr & CFSR_MMARVALID)) return REG32(SCB_MMFAR);
    if (kind == FAULT_BUSFAULT && (cfsr & CFSR_BFARVALID)) return REG32(SCB_BFAR);
    if (kind == FAULT_SECUREFAULT && (REG32(SCB_SFSR) & SFSR_SFARVALID)) return REG32(SCB_SFAR);
    return frame ? frame[FRAME_PC] : 0;
}

/* Called by the handlers below with the fault kind, EXC_RETURN and the stack the hardware pushed
 * the faulting context's frame on. Returns the EXC_RETURN to leave with. */
uint32_t bulkhead_fault(uint32_t kind, uint32_t exc_return, uint32_t *frame)
{
    if (!(exc_return & EXC_RETURN_SECURE_STACK)) fatal(names[kind], " raised by non-secure code:");
    if (kind == FAULT_HARDFAULT) fatal(names[kind], ":");
    uint32_t address = fault_address(kind, frame);
    uint32_t status = kind == FAULT_SECUREFAULT ? REG32(SCB_SFSR) : REG32(SCB_CFSR);
    uint32_t ret = bulkhead_partition_fault_resume(exc_return, frame, kind, address, status);
    if (ret == 0) fatal(names[kind], " in the SPM:");
    REG32(SCB_CFSR) = REG32(SCB_CFSR); /* write-one-to-clear: the next fault reports afresh */
    REG32(SCB_SFSR) = REG32(SCB_SFSR);
    return ret;
}

/* The frame is on PSP or MSP as EXC_RETURN.SPSEL says; the C code may replace EXC_RETURN. The
 * handler first opens the main stack down to its true bottom: under the SFN backend partitions run
 * on it with a limit above the bottom (backend_sfn.c), and a stack overflow there leaves MSP at
 * that limit, with the reserve below it the only room the fault path has. */
#define FAULT_HANDLER(name, kind)                                                                                      \
    __attribute__((naked)) void name(void)                                                                             \
    {                                                                                                                  \
        __asm__ volatile("ldr r3, =__stack_bottom\n"                                                                   \
                         "msr msplim, r3\n"                                                                            \
                         "mov r0, %0\n"                                                                                \
                         "mov r1, lr\n"                                                                                \
                         "tst lr, #4\n"                                                                                \
                         "ite eq\n"                                                                                    \
                         "mrseq r2, msp\n"                                                                             \
                         "mrsne r2, psp\n"                                                                             \
                         "bl bulkhead_fault\n"                                                                         \
                         "bx r0\n" ::"i"(kind));                                                                       \
    }

FAULT_HANDLER(HardFault_Handler, FAULT_HARDFAULT)
FAULT_HANDLER(MemManage_Handler, FAULT_MEMMANAGE)
FAULT_HANDLER(BusFault_Handler, FAULT_BUSFAULT)
FAULT_HANDLER(UsageFault_Handler, FAULT_USAGEFAULT)
FAULT_HANDLER(SecureFault_Handler, FAULT_SECUREFAULT)

#define XPSR_THUMB 0x01000000u
#define XPSR_EXCEPTION 0x1ffu

void bulkhead_partition_fault(uint32_t kind, uint32_t address, uint32_t status);

void bulkhead_fault_frame(uint32_t *frame, uint32_t exc_return, uint32_t kind, uint32_t address, uint32_t status)
{
    uint32_t exception = (exc_return & EXC_RETURN_THREAD_MODE) ? 0 : frame[7] & XPSR_EXCEPTION;
    frame[0] = kind;
    frame[1] = address;
    frame[2] = status;
    frame[FRAME_PC] = (uint32_t)bulkhead_partition_fault & ~1u;
    frame[7] = XPSR_THUMB | exception;
}
