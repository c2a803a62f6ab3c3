/* CMSDK APB UART, polled. The secure image owns the console UART (secure alias). */
#include "bulkhead/port.h"
#include "board_config.h"

#define UART_DATA 0x00u
#define UART_STATE 0x04u
#define UART_CTRL 0x08u
#define UART_BAUDDIV 0x10u
#define UART_STATE_TX_FULL 0x1u
#define UART_CTRL_TX_EN 0x1u

void bulkhead_uart_init(void)
{
    REG32(BOARD_UART_BASE + UART_BAUDDIV) = 16u;
    REG32(BOARD_UART_BASE + UART_CTRL) = UART_CTRL_TX_EN;
}

void bulkhead_uart_putc(uint8_t c)
{
    while (REG32(BOARD_UART_BASE + UART_STATE) & UART_STATE_TX_FULL) {
    }
    REG32(BOARD_UART_BASE + UART_DATA) = c;
}

void bulkhead_uart_puts(const char *s)
{
    while (*s) {
        bulkhead_uart_putc((uint8_t)*s++);
    }
}

void bulkhead_uart_hex(uint32_t v)
{
    bulkhead_uart_puts("0x");
    for (int shift = 28; shift >= 0; shift -= 4) {
        bulkhead_uart_putc((uint8_t)"0123456789abcdef"[(v >> shift) & 0xfu]);
    }
}
