/* Non-secure reset: memory init, the NS application module, and its exit code reported to the
 * host through semihosting. */
#include "bulkhead/port.h"
#include "bulkhead_abi/facts.h"
#include "bulkhead/veneers.h"

extern uint32_t __stack_top[];

int32_t bulkhead_ns_app_main(void); /* generated: instantiates the NS app and runs main() */

__attribute__((noreturn)) void Reset_Handler(void)
{
    bulkhead_memory_init();
    bulkhead_exit((uint32_t)bulkhead_ns_app_main());
}

static void ns_print(const char *s)
{
    size_t n = 0;
    while (s[n]) {
        n++;
    }
    bulkhead_ns_console_write_veneer(s, n);
}

void bulkhead_trap_report(const char *what)
{
    ns_print("[NS] FATAL Wasm trap: ");
    ns_print(what);
    ns_print("\n");
    bulkhead_exit(BULKHEAD_EXIT_NS_TRAP);
}

void bulkhead_wasm_trap(uint32_t code, const char *name)
{
    (void)code;
    bulkhead_trap_report(name);
}

static void Fault_Handler(void)
{
    ns_print("[NS] FATAL fault in the non-secure image\n");
    bulkhead_exit(BULKHEAD_EXIT_NS_FAULT);
}

/* An NS scheduler linked into the image (boards/armv8m/ns_scheduler) brings its own. */
void SVC_Handler(void) __attribute__((weak, alias("Fault_Handler")));
void PendSV_Handler(void) __attribute__((weak, alias("Fault_Handler")));
void SysTick_Handler(void) __attribute__((weak, alias("Fault_Handler")));

__attribute__((section(".vectors"), used)) static void (*const vectors[16])(void) = {
    (void (*)(void))__stack_top, Reset_Handler, Fault_Handler, Fault_Handler, Fault_Handler,
    Fault_Handler, Fault_Handler, Fault_Handler, 0, 0, 0, SVC_Handler, Fault_Handler, 0,
    PendSV_Handler, SysTick_Handler,
};
