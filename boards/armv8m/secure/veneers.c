/* Non-secure callable entry points. Each one only hands its arguments to the SPM module (as the
 * NS agent thread), which checks every NS pointer (platform ns_access_ok) before it reads or
 * writes through it.
 *
 * The PSA client API is for NS thread mode (an NS handler would enter the SPM in the middle of
 * whatever it interrupted); NSCE is for NS handler mode only (the NS scheduler's context switch).
 * A call from the wrong mode gets the API's error value and changes nothing. Under SFN a call
 * runs to its end with NS interrupts masked, so the NS scheduler never switches tasks inside one. */
#include <arm_cmse.h>
#include "bulkhead/port.h"
#include "bulkhead/spm_call.h"
#include "bulkhead/veneers.h"
#include "tfm_ns_client_ext.h"

#define NS_MASK_PRIORITY 0x80u /* NS exceptions use 0x80-0xFF (backend_ipc.c) */
#define SCB_SHCSR 0xE000ED24u
#define SCB_SHCSR_SVCALLACT (1u << 7)
#define SCB_SHCSR_PENDSVACT (1u << 10)

#define FROM_NS_HANDLER() (bulkhead_ipsr() != 0)

#if BULKHEAD_BACKEND_IPC
#define NS_CALL(num, a, b, c, d, direct) SPM_ENTER(num, a, b, c, d, direct)
#define NSCE_ENTRY()
#else
extern uint32_t bulkhead_nsce_entry_msp; /* backend_sfn.c */
#define NSCE_ENTRY() __asm__ volatile("mrs %0, msp" : "=r"(bulkhead_nsce_entry_msp))
#define NS_CALL(num, a, b, c, d, direct)                                                                               \
    ({                                                                                                                 \
        __asm__ volatile("msr basepri, %0" ::"r"(NS_MASK_PRIORITY) : "memory");                                      \
        uint32_t r_ = SPM_ENTER(num, a, b, c, d, direct);                                                              \
        __asm__ volatile("msr basepri, %0" ::"r"(0u) : "memory");                                                     \
        r_;                                                                                                            \
    })
#endif
/* An NS handler that interrupted the SPM (SVC) or a thread switch (PendSV) would see its tables
 * or the threads half changed: it has to be of a higher priority than NS handlers may use. */
#define NSCE_MAY_RUN() ((REG32(SCB_SHCSR) & (SCB_SHCSR_SVCALLACT | SCB_SHCSR_PENDSVACT)) == 0)

__attribute__((cmse_nonsecure_entry)) uint32_t tfm_psa_framework_version_veneer(void)
{
    return NS_CALL(SPM_FRAMEWORK_VERSION, 0, 0, 0, 0, Z_spmZ_psa_framework_version(SPM));
}

__attribute__((cmse_nonsecure_entry)) uint32_t tfm_psa_version_veneer(uint32_t sid)
{
    if (FROM_NS_HANDLER()) {
        return PSA_VERSION_NONE;
    }
    return NS_CALL(SPM_VERSION, sid, 0, 0, 0, Z_spmZ_psa_version(SPM, sid));
}

__attribute__((cmse_nonsecure_entry)) psa_handle_t tfm_psa_connect_veneer(uint32_t sid, uint32_t version)
{
    if (FROM_NS_HANDLER()) {
        return (psa_handle_t)PSA_ERROR_PROGRAMMER_ERROR;
    }
    return (psa_handle_t)NS_CALL(SPM_CONNECT, sid, version, 0, 0, Z_spmZ_psa_connect(SPM, sid, version));
}

__attribute__((cmse_nonsecure_entry)) psa_status_t tfm_psa_call_veneer(psa_handle_t handle, uint32_t ctrl_param,
                                                                       const psa_invec *in_vec, psa_outvec *out_vec)
{
    if (FROM_NS_HANDLER()) {
        return PSA_ERROR_PROGRAMMER_ERROR;
    }
    return (psa_status_t)NS_CALL(SPM_CALL, handle, ctrl_param, in_vec, out_vec,
                                 Z_spmZ_psa_call(SPM, (u32)handle, ctrl_param, (u32)in_vec, (u32)out_vec));
}

__attribute__((cmse_nonsecure_entry)) void tfm_psa_close_veneer(psa_handle_t handle)
{
    if (!FROM_NS_HANDLER()) {
        NS_CALL(SPM_CLOSE, handle, 0, 0, 0, (Z_spmZ_psa_close(SPM, (u32)handle), 0));
    }
}

__attribute__((cmse_nonsecure_entry)) void bulkhead_ns_console_write_veneer(const char *buf, size_t len)
{
    if (len == 0 || !bulkhead_ns_buffer_ok((uint32_t)(uintptr_t)buf, len, 0)) {
        return;
    }
    /* A line stays whole while NS tasks preempt each other. */
    __asm__ volatile("msr basepri, %0" ::"r"(NS_MASK_PRIORITY) : "memory");
    for (size_t i = 0; i < len; i++) {
        bulkhead_uart_putc((uint8_t)buf[i]);
    }
    __asm__ volatile("msr basepri, %0" ::"r"(0u) : "memory");
}

/* NSCE: the SPM is entered directly, as from an interrupt handler (which the caller is); from
 * anywhere else the API's error value. */
#define NSCE_CALL(refused, direct)                                                                                     \
    do {                                                                                                               \
        NSCE_ENTRY();                                                                                                  \
        if (!FROM_NS_HANDLER() || !NSCE_MAY_RUN()) {                                                                   \
            return (refused);                                                                                          \
        }                                                                                                              \
        return SPM_ENTER_FROM_HANDLER(direct);                                                                         \
    } while (0)

__attribute__((cmse_nonsecure_entry)) uint32_t tfm_nsce_init(uint32_t ctx_requested)
{
    NSCE_CALL(0, Z_spmZ_tfm_nsce_init(SPM, ctx_requested));
}

__attribute__((cmse_nonsecure_entry)) uint32_t tfm_nsce_acquire_ctx(uint8_t group_id, uint8_t thread_id)
{
    NSCE_CALL(TFM_NS_CLIENT_INVALID_TOKEN, Z_spmZ_tfm_nsce_acquire_ctx(SPM, group_id, thread_id));
}

__attribute__((cmse_nonsecure_entry)) uint32_t tfm_nsce_release_ctx(uint32_t token)
{
    NSCE_CALL(TFM_NS_CLIENT_ERR_INVALID_ACCESS, Z_spmZ_tfm_nsce_release_ctx(SPM, token));
}

__attribute__((cmse_nonsecure_entry)) uint32_t tfm_nsce_load_ctx(uint32_t token, int32_t nsid)
{
    NSCE_CALL(TFM_NS_CLIENT_ERR_INVALID_ACCESS, Z_spmZ_tfm_nsce_load_ctx(SPM, token, (u32)nsid));
}

__attribute__((cmse_nonsecure_entry)) uint32_t tfm_nsce_save_ctx(uint32_t token)
{
    NSCE_CALL(TFM_NS_CLIENT_ERR_INVALID_ACCESS, Z_spmZ_tfm_nsce_save_ctx(SPM, token));
}
