/* The benchmark's timed loops, in the NS image (built only for `bulkhead bench`). Each scenario
 * calls the secure side straight through its veneer, N times, between two reads of the NS
 * SysTick; under QEMU's -icount shift=0 one tick is 50 instructions (TOOLCHAIN.md, Measuring).
 * The Wasm NS application chooses the scenarios and prints the figures. */
#include "bulkhead/veneers.h"
#include "bench_sha256.h"
#include "psa/crypto.h"
#include "tfm_ns_client_ext.h"
#include "nsapp.h"

#define SYST_CSR 0xE000E010u
#define SYST_RVR 0xE000E014u
#define SYST_CVR 0xE000E018u
#define SYST_ENABLE_CPU_CLOCK 0x5u
#define SYST_COUNTFLAG (1u << 16)
#define SYST_MAX 0xFFFFFFu
#define REG(a) (*(volatile uint32_t *)(a))

/* What Z_benchZ_run returns when the counter wrapped (the loop was too long to time), and when
 * the secure side refused an operation the scenario needs. */
#define WRAPPED 0xFFFFFFFFu
#define REFUSED 0xFFFFFFFEu
/* The NSID the nsce_switch scenario loads: negative, as TF-M's NSIDs are. */
#define BENCH_NSID (-2)

enum scenario {
    FLOOR_VENEER, FRAMEWORK_VERSION, CALL_EMPTY, CALL_64B, CONNECT_CALL_CLOSE, SECURE_TO_SECURE,
    SHA256_AOT, SHA256_NATIVE, FLOOR_SWITCH, NSCE_SWITCH, PSA_HASH_COMPUTE_1K,
};

int32_t bulkhead_bench_floor_veneer(uint32_t handle);
uint32_t bulkhead_bench_switch_floor_veneer(uint32_t pairs);

static uint8_t in_buf[64], out_buf[64];
static uint8_t message[1024], digest[32];

static uint32_t start(void)
{
    REG(SYST_RVR) = SYST_MAX;
    REG(SYST_CVR) = 0;
    REG(SYST_CSR) = SYST_ENABLE_CPU_CLOCK;
    (void)REG(SYST_CSR); /* clears COUNTFLAG */
    return REG(SYST_CVR);
}

static uint32_t elapsed(uint32_t from)
{
    uint32_t now = REG(SYST_CVR);
    if (REG(SYST_CSR) & SYST_COUNTFLAG) {
        return WRAPPED;
    }
    return (from - now) & SYST_MAX;
}

static volatile uint32_t nsce_rounds, nsce_ticks;

/* NSCE answers only NS handler mode, so the nsce_switch loop runs here, where an NS scheduler's
 * PendSV would save one task's context and load the next. The one context is acquired, loaded
 * first and released last, outside the timed loop. */
void SVC_Handler(void)
{
    uint32_t n = nsce_rounds, failed = 0;
    uint32_t token = tfm_nsce_init(1) == 1 ? tfm_nsce_acquire_ctx(1, 0) : TFM_NS_CLIENT_INVALID_TOKEN;
    failed |= tfm_nsce_load_ctx(token, BENCH_NSID);
    uint32_t t0 = start();
    for (uint32_t i = 0; i < n; i++) {
        failed |= tfm_nsce_save_ctx(token);
        failed |= tfm_nsce_load_ctx(token, BENCH_NSID);
    }
    uint32_t ticks = elapsed(t0);
    failed |= tfm_nsce_save_ctx(token);
    failed |= tfm_nsce_release_ctx(token);
    nsce_ticks = failed ? REFUSED : ticks;
}

/* Calls one scenario n times; returns the SysTick ticks it took. `arg` is the service's handle
 * (its SID for the connection-based one). */
u32 Z_benchZ_run(struct Z_bench_instance_t *ctx, u32 scenario, u32 arg, u32 n)
{
    (void)ctx;
    psa_invec in = { in_buf, sizeof in_buf };
    psa_outvec out = { out_buf, sizeof out_buf };
    uint32_t count = n;
    psa_invec count_vec = { &count, sizeof count };
    psa_outvec digest_vec = { digest, sizeof digest };
    for (uint32_t i = 0; i < sizeof message; i++) {
        message[i] = (uint8_t)i;
    }
    uint32_t t0 = start();
    switch ((enum scenario)scenario) {
    case FLOOR_VENEER:
        for (uint32_t i = 0; i < n; i++) bulkhead_bench_floor_veneer(arg);
        break;
    case FRAMEWORK_VERSION:
        for (uint32_t i = 0; i < n; i++) tfm_psa_framework_version_veneer();
        break;
    case CALL_EMPTY:
        for (uint32_t i = 0; i < n; i++) tfm_psa_call_veneer((psa_handle_t)arg, BULKHEAD_CALL_PACK(PSA_IPC_CALL, 0, 0), NULL, NULL);
        break;
    case CALL_64B:
        for (uint32_t i = 0; i < n; i++) tfm_psa_call_veneer((psa_handle_t)arg, BULKHEAD_CALL_PACK(PSA_IPC_CALL, 1, 1), &in, &out);
        break;
    case CONNECT_CALL_CLOSE:
        for (uint32_t i = 0; i < n; i++) {
            psa_handle_t h = tfm_psa_connect_veneer(arg, 1);
            tfm_psa_call_veneer(h, BULKHEAD_CALL_PACK(PSA_IPC_CALL, 0, 0), NULL, NULL);
            tfm_psa_close_veneer(h);
        }
        break;
    case SECURE_TO_SECURE: /* one NS call; the partition makes the n calls */
        tfm_psa_call_veneer((psa_handle_t)arg, BULKHEAD_CALL_PACK(PSA_IPC_CALL, 1, 0), &count_vec, NULL);
        break;
    case SHA256_AOT: /* one NS call; the partition hashes 1 KiB n times */
        tfm_psa_call_veneer((psa_handle_t)arg, BULKHEAD_CALL_PACK(PSA_IPC_CALL, 1, 1), &count_vec, &digest_vec);
        break;
    case SHA256_NATIVE:
        for (uint32_t i = 0; i < n; i++) bench_sha256(message, sizeof message, digest);
        break;
    case PSA_HASH_COMPUTE_1K: /* the PSA Crypto API, as an NS application calls it */
        for (uint32_t i = 0; i < n; i++) {
            size_t length;
            psa_hash_compute(PSA_ALG_SHA_256, message, sizeof message, digest, sizeof digest, &length);
        }
        break;
    case FLOOR_SWITCH:
        bulkhead_bench_switch_floor_veneer(n);
        break;
    case NSCE_SWITCH: /* timed inside the handler */
        nsce_rounds = n;
        __asm__ volatile("svc 0" ::: "memory");
        return nsce_ticks;
    }
    return elapsed(t0);
}

/* The last digest either SHA-256 scenario produced (its first word), so the bench can check
 * that the AOT and native code computed the same thing. */
u32 Z_benchZ_digest(struct Z_bench_instance_t *ctx)
{
    (void)ctx;
    return (uint32_t)digest[0] << 24 | (uint32_t)digest[1] << 16 | (uint32_t)digest[2] << 8 | digest[3];
}
