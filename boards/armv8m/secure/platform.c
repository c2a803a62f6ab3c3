/* The SPM's platform imports (assembly/spm/platform.ts) on real hardware. */
#include <arm_cmse.h>
#include <string.h>
#include "bulkhead/port.h"
#include "spm.h"

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

/* The TT-based check: the whole range must be non-secure and accessible to the NS side with the
 * requested access. */
u32 Z_platformZ_ns_access_ok(struct Z_platform_instance_t *ctx, u32 addr, u32 len, u32 write)
{
    (void)ctx;
    int flags = CMSE_NONSECURE | (write ? CMSE_MPU_READWRITE : CMSE_MPU_READ);
    return cmse_check_address_range((void *)addr, len, flags) != NULL;
}
