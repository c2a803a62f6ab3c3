/* The SPM's platform imports (assembly/spm/platform.ts) on real hardware. */
#include <string.h>
#include "bulkhead/port.h"
#include "spm.h"
#include "bulkhead/spm_call.h"

void Z_platformZ_putc(struct Z_platform_instance_t *ctx, u32 c)
{
    (void)ctx;
    bulkhead_uart_putc((uint8_t)c);
}

void Z_platformZ_mem_copy(struct Z_platform_instance_t *ctx, u32 dst, u32 src, u32 len)
{
    (void)ctx;
    memcpy((void *)dst, (const void *)src, len);
}

u32 Z_platformZ_ns_access_ok(struct Z_platform_instance_t *ctx, u32 addr, u32 len, u32 write)
{
    (void)ctx;
    return (u32)bulkhead_ns_buffer_ok(addr, len, (int)write);
}

#define NVIC_ISER 0xE000E100u
#define NVIC_ICER 0xE000E180u
#define NVIC_ICPR 0xE000E280u
#define NVIC_WORD(base, line) REG32((base) + ((line) >> 5) * 4u)
#define NVIC_BIT(line) (1u << ((line) & 31u))

void Z_platformZ_irq_enable(struct Z_platform_instance_t *ctx, u32 line)
{
    (void)ctx;
    NVIC_WORD(NVIC_ISER, line) = NVIC_BIT(line);
}

u32 Z_platformZ_irq_disable(struct Z_platform_instance_t *ctx, u32 line)
{
    (void)ctx;
    u32 was = (NVIC_WORD(NVIC_ISER, line) & NVIC_BIT(line)) != 0;
    NVIC_WORD(NVIC_ICER, line) = NVIC_BIT(line);
    __asm__ volatile("dsb\n isb" ::: "memory");
    return was;
}

void Z_platformZ_irq_clear_pending(struct Z_platform_instance_t *ctx, u32 line)
{
    (void)ctx;
    NVIC_WORD(NVIC_ICPR, line) = NVIC_BIT(line);
}

u32 Z_platformZ_mmio_read32(struct Z_platform_instance_t *ctx, u32 addr)
{
    (void)ctx;
    return REG32(addr);
}

void Z_platformZ_mmio_write32(struct Z_platform_instance_t *ctx, u32 addr, u32 value)
{
    (void)ctx;
    REG32(addr) = value;
}

/* Every external interrupt line: the SPM finds the partition that owns it. */
void bulkhead_irq_handler(void)
{
    uint32_t line = bulkhead_ipsr() - 16u;
    SPM_ENTER_FROM_HANDLER((Z_spmZ_spm_irq(SPM, line), 0));
}
