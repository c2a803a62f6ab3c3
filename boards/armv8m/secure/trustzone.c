/* Boot-time TrustZone set-up: which memory the NS image may use (MPC), where NS code may call
 * in (SAU NSC region + the SSE-200's NSCCFG), and the SAU itself; and the check of every buffer
 * an NS caller hands the secure side. */
#include <arm_cmse.h>
#include "bulkhead/port.h"
#include "board_config.h"

#define SAU_CTRL 0xE000EDD0u
#define SAU_RNR 0xE000EDD8u
#define SAU_RBAR 0xE000EDDCu
#define SAU_RLAR 0xE000EDE0u
#define SAU_RLAR_ENABLE 0x1u
#define SAU_RLAR_NSC 0x2u

#define MPC_CTRL 0x00u
#define MPC_CTRL_AUTOINC 0x100u
#define MPC_BLK_MAX 0x10u
#define MPC_BLK_CFG 0x14u
#define MPC_BLK_IDX 0x18u
#define MPC_BLK_LUT 0x1Cu

#define NSCCFG_CODENSC 0x1u


extern char __sg_start[], __sg_end[];

static const struct ns_region {
    uint32_t base, size, writable;
} ns_regions[] = { BOARD_NS_REGIONS };
#define NS_REGION_COUNT (sizeof ns_regions / sizeof ns_regions[0])

/* The TT instruction alone is not enough: the SAU and IDAU exempt the System Control Space
 * (0xE0000000-0xE00FFFFF) and the vendor system area above it, so TT calls the secure SCB, MPU,
 * SAU and NVIC non-secure. A buffer must first lie wholly inside one region the build gave the NS
 * side (written without an overflow: len may be anything the caller likes). */
int bulkhead_ns_buffer_ok(uint32_t addr, uint32_t len, int write)
{
    for (unsigned i = 0; i < NS_REGION_COUNT; i++) {
        const struct ns_region *r = &ns_regions[i];
        const uint32_t offset = addr - r->base;
        if (offset < r->size && len <= r->size - offset) {
            if (write && !r->writable) {
                return 0;
            }
            const int flags = CMSE_NONSECURE | (write ? CMSE_MPU_READWRITE : CMSE_MPU_READ);
            return cmse_check_address_range((void *)addr, len, flags) != NULL;
        }
    }
    return 0;
}

static void sau_region(uint32_t n, uint32_t base, uint32_t limit, uint32_t attr)
{
    REG32(SAU_RNR) = n;
    REG32(SAU_RBAR) = base & ~0x1Fu;
    REG32(SAU_RLAR) = (limit & ~0x1Fu) | attr | SAU_RLAR_ENABLE;
}

/* Marks [offset, offset+size) of the memory behind an MPC non-secure in its look-up table: one
 * bit per block, 32 blocks a word. */
static void mpc_make_ns(uint32_t mpc, uint32_t offset, uint32_t size)
{
    uint32_t block = 1u << (REG32(mpc + MPC_BLK_CFG) + 5u);
    uint32_t first = offset / block;
    /* Auto-increment (on at reset) would move the index on the read of a read-modify-write. */
    REG32(mpc + MPC_CTRL) &= ~MPC_CTRL_AUTOINC;
    uint32_t last = (offset + size - 1u) / block;
    for (uint32_t b = first; b <= last; b++) {
        uint32_t word = b / 32u;
        if (word > REG32(mpc + MPC_BLK_MAX)) {
            break;
        }
        REG32(mpc + MPC_BLK_IDX) = word;
        REG32(mpc + MPC_BLK_LUT) = REG32(mpc + MPC_BLK_LUT) | (1u << (b % 32u));
    }
}

void bulkhead_trustzone_init(void)
{
    static const struct { uint32_t mpc, offset, size; } mpcs[] = { BOARD_MPC_NS_RANGES };
    for (unsigned i = 0; i < sizeof mpcs / sizeof mpcs[0]; i++) {
        mpc_make_ns(mpcs[i].mpc, mpcs[i].offset, mpcs[i].size);
    }

    for (unsigned i = 0; i < NS_REGION_COUNT; i++) {
        sau_region(i, ns_regions[i].base, ns_regions[i].base + ns_regions[i].size - 1u, 0);
    }
    sau_region(NS_REGION_COUNT, (uint32_t)__sg_start, (uint32_t)__sg_end - 1u, SAU_RLAR_NSC);
    REG32(BOARD_NSCCFG) |= NSCCFG_CODENSC;
    REG32(SAU_CTRL) = 1u;
    __asm__ volatile("dsb\n isb" ::: "memory");
}
