/* The isolation tests' NS probes: raw reads, writes and branches the NS application makes into
 * secure memory by address, so that the tests see TrustZone (SAU, IDAU, MPC) stop them. The
 * linker keeps them only in an NS application that imports "probe". */
#include "board_config.h"
#include "nsapp.h"

u32 Z_probeZ_read32(struct Z_probe_instance_t *ctx, u32 addr)
{
    (void)ctx;
    return *(volatile uint32_t *)addr;
}

void Z_probeZ_write32(struct Z_probe_instance_t *ctx, u32 addr)
{
    (void)ctx;
    *(volatile uint32_t *)addr = BULKHEAD_PROBE_PATTERN;
}

void Z_probeZ_exec(struct Z_probe_instance_t *ctx, u32 addr)
{
    (void)ctx;
    ((void (*)(void))(addr | 1u))();
}
