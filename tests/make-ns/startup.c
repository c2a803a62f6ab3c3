/* The least an NS image needs: a vector table, .data and .bss, main, and its exit code reported
 * through semihosting (what QEMU and the test runner read). */
#include <stdint.h>

extern uint32_t __data_load[], __data_start[], __data_end[], __bss_start[], __bss_end[], __stack_top[];
int main(void);

static void semihosting_exit(uint32_t code)
{
    uint32_t block[2] = { 0x20026u /* ADP_Stopped_ApplicationExit */, code };
    register uint32_t r0 __asm__("r0") = 0x20u; /* SYS_EXIT_EXTENDED */
    register uint32_t *r1 __asm__("r1") = block;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
}

__attribute__((noreturn)) void Reset_Handler(void)
{
    for (uint32_t *s = __data_load, *d = __data_start; d < __data_end;) *d++ = *s++;
    for (uint32_t *d = __bss_start; d < __bss_end;) *d++ = 0;
    semihosting_exit((uint32_t)main());
    for (;;) {
    }
}

static void Fault_Handler(void)
{
    semihosting_exit(0xfa);
}

__attribute__((section(".vectors"), used)) static void (*const vectors[16])(void) = {
    (void (*)(void))__stack_top, Reset_Handler, Fault_Handler, Fault_Handler, Fault_Handler, Fault_Handler, Fault_Handler,
};
