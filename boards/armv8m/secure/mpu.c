/* The SPM's MPU imports (assembly/mpu/driver.ts): the secure PMSAv8 MPU's registers, the
 * linker's layout, and the TT-based check of what the running partition may reach. */
#include <arm_cmse.h>
#include "bulkhead/port.h"
#include "spm.h"

#define MPU_CTRL 0xE000ED94u
#define MPU_RNR 0xE000ED98u
#define MPU_RBAR 0xE000ED9Cu
#define MPU_RLAR 0xE000EDA0u
#define MPU_MAIR0 0xE000EDC0u
#define MPU_CTRL_ENABLE 1u
#define MPU_CTRL_PRIVDEFENA 4u

extern const uint32_t bulkhead_layout[];
extern const uint32_t bulkhead_layout_words;

u32 Z_platformZ_layout(struct Z_platform_instance_t *ctx, u32 i)
{
    (void)ctx;
    return i < bulkhead_layout_words ? bulkhead_layout[i] : 0;
}

/* The SPM runs privileged with the default map under every region it touches, so rewriting a
 * region while the MPU is on never takes away its own access. */
void Z_platformZ_mpu_set_region(struct Z_platform_instance_t *ctx, u32 rnr, u32 rbar, u32 rlar)
{
    (void)ctx;
    REG32(MPU_RNR) = rnr;
    REG32(MPU_RLAR) = 0;
    REG32(MPU_RBAR) = rbar;
    REG32(MPU_RLAR) = rlar;
    __asm__ volatile("dsb\n isb" ::: "memory");
}

void Z_platformZ_mpu_configure(struct Z_platform_instance_t *ctx, u32 mair0)
{
    (void)ctx;
    REG32(MPU_MAIR0) = mair0;
    REG32(MPU_CTRL) = MPU_CTRL_ENABLE | MPU_CTRL_PRIVDEFENA;
    __asm__ volatile("dsb\n isb" ::: "memory");
}

/* TT with the unprivileged view (TTT) of the regions loaded now: the running partition's. */
u32 Z_platformZ_partition_access_ok(struct Z_platform_instance_t *ctx, u32 addr, u32 len)
{
    (void)ctx;
    return cmse_check_address_range((void *)addr, len, CMSE_MPU_UNPRIV | CMSE_MPU_READWRITE) != NULL;
}
