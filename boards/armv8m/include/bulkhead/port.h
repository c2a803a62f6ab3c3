/* Shared by the C port's files: the few things AssemblyScript cannot do. */
#ifndef BULKHEAD_PORT_H
#define BULKHEAD_PORT_H

#include <stddef.h>
#include <stdint.h>

#define REG32(addr) (*(volatile uint32_t *)(addr))

void bulkhead_uart_init(void);
void bulkhead_uart_putc(uint8_t c);
void bulkhead_uart_puts(const char *s);
void bulkhead_uart_hex(uint32_t v);

void bulkhead_memory_init(void);

/* Whether [addr, addr+len) (len > 0) is NS memory the build gave the NS side, which an NS caller
 * may read (write = 0) or write: every NS pointer the secure side follows passes this first. */
int bulkhead_ns_buffer_ok(uint32_t addr, uint32_t len, int write);

/* Ends the run: semihosting SYS_EXIT_EXTENDED, so QEMU's exit status is code. */
__attribute__((noreturn)) void bulkhead_exit(uint32_t code);

/* The static buffer the next wasm_rt_allocate_memory() hands out (see runtime/wasm_rt.c). */
void bulkhead_wasm_memory_next(uint8_t *buffer, uint32_t size);

/* The same for the next module's function table (wasm_rt_allocate_funcref_table). */
#include "wasm-rt.h"
void bulkhead_wasm_table_next(wasm_rt_funcref_t *buffer, uint32_t elements);

#endif
