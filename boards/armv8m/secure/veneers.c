/* Non-secure callable entry points. Each one only hands its arguments to the SPM module (as the
 * NS agent thread), which checks every NS pointer (platform ns_access_ok) before it reads or
 * writes through it. */
#include <arm_cmse.h>
#include "bulkhead/port.h"
#include "bulkhead/spm_call.h"
#include "bulkhead/veneers.h"

__attribute__((cmse_nonsecure_entry)) uint32_t tfm_psa_framework_version_veneer(void)
{
    return SPM_ENTER(SPM_FRAMEWORK_VERSION, 0, 0, 0, 0, Z_spmZ_psa_framework_version(SPM));
}

__attribute__((cmse_nonsecure_entry)) uint32_t tfm_psa_version_veneer(uint32_t sid)
{
    return SPM_ENTER(SPM_VERSION, sid, 0, 0, 0, Z_spmZ_psa_version(SPM, sid));
}

__attribute__((cmse_nonsecure_entry)) psa_handle_t tfm_psa_connect_veneer(uint32_t sid, uint32_t version)
{
    return (psa_handle_t)SPM_ENTER(SPM_CONNECT, sid, version, 0, 0, Z_spmZ_psa_connect(SPM, sid, version));
}

__attribute__((cmse_nonsecure_entry)) psa_status_t tfm_psa_call_veneer(psa_handle_t handle, uint32_t ctrl_param,
                                                                       const psa_invec *in_vec, psa_outvec *out_vec)
{
    return (psa_status_t)SPM_ENTER(SPM_CALL, handle, ctrl_param, in_vec, out_vec,
                                   Z_spmZ_psa_call(SPM, (u32)handle, ctrl_param, (u32)in_vec, (u32)out_vec));
}

__attribute__((cmse_nonsecure_entry)) void tfm_psa_close_veneer(psa_handle_t handle)
{
    SPM_ENTER(SPM_CLOSE, handle, 0, 0, 0, (Z_spmZ_psa_close(SPM, (u32)handle), 0));
}

__attribute__((cmse_nonsecure_entry)) void bulkhead_ns_console_write_veneer(const char *buf, size_t len)
{
    const char *checked = cmse_check_address_range((void *)buf, len, CMSE_NONSECURE | CMSE_MPU_READ);
    if (checked == NULL) {
        return;
    }
    for (size_t i = 0; i < len; i++) {
        bulkhead_uart_putc((uint8_t)checked[i]);
    }
}
