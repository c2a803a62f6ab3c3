/* Test partitions' "probe" imports (built only with the build's probes option): raw accesses
 * made from the partition's own context, the way native partition code could make them, so that
 * the isolation tests see the MPU and TrustZone, not the Wasm sandbox, stop them. Everything
 * here runs in the partition's thread with its privilege and reads only constant data. */
#include "bulkhead/port.h"
#include "bulkhead/probe.h"
#include "board_config.h"

u32 Z_probeZ_address(struct Z_probe_instance_t *ctx, u32 pid, u32 asset)
{
    (void)ctx;
    for (uint32_t i = 0; i < bulkhead_probe_target_count; i++) {
        if (bulkhead_probe_targets[i].pid == pid) {
            return asset < PROBE_ASSETS ? bulkhead_probe_targets[i].asset[asset] : 0;
        }
    }
    return 0;
}

u32 Z_probeZ_read32(struct Z_probe_instance_t *ctx, u32 addr)
{
    (void)ctx;
    return REG32(addr);
}

void Z_probeZ_write32(struct Z_probe_instance_t *ctx, u32 addr)
{
    (void)ctx;
    REG32(addr) = BULKHEAD_PROBE_PATTERN;
}

void Z_probeZ_exec(struct Z_probe_instance_t *ctx, u32 addr)
{
    (void)ctx;
    ((void (*)(void))(addr | 1u))();
}
