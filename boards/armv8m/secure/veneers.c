/* Non-secure callable entry points. Each one only hands its arguments to the SPM module, which
 * checks every NS pointer (platform ns_access_ok) before it reads or writes through it. */
#include <arm_cmse.h>
#include "bulkhead/port.h"
#include "bulkhead/veneers.h"
#include "spm.h"

extern Z_spm_instance_t bulkhead_instance_spm;

__attribute__((cmse_nonsecure_entry)) uint32_t tfm_psa_framework_version_veneer(void)
{
    return Z_spmZ_psa_framework_version(&bulkhead_instance_spm);
}

__attribute__((cmse_nonsecure_entry)) uint32_t tfm_psa_version_veneer(uint32_t sid)
{
    return Z_spmZ_psa_version_ns(&bulkhead_instance_spm, sid);
}

__attribute__((cmse_nonsecure_entry)) psa_status_t tfm_psa_call_veneer(psa_handle_t handle, uint32_t ctrl_param,
                                                                       const psa_invec *in_vec, psa_outvec *out_vec)
{
    return (psa_status_t)Z_spmZ_psa_call_ns(&bulkhead_instance_spm, (u32)handle, ctrl_param, (u32)in_vec, (u32)out_vec);
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
