/* A partition's "psa" imports lead straight to the SPM module's service API; the SPM decides
 * which message and which partition memory a call may touch. */
#include "spm.h"

extern Z_spm_instance_t bulkhead_instance_spm;

u32 Z_psaZ_psa_read(struct Z_psa_instance_t *ctx, u32 msg_handle, u32 idx, u32 buffer, u32 n)
{
    (void)ctx;
    return Z_spmZ_psa_read(&bulkhead_instance_spm, msg_handle, idx, buffer, n);
}

u32 Z_psaZ_psa_skip(struct Z_psa_instance_t *ctx, u32 msg_handle, u32 idx, u32 n)
{
    (void)ctx;
    return Z_spmZ_psa_skip(&bulkhead_instance_spm, msg_handle, idx, n);
}

void Z_psaZ_psa_write(struct Z_psa_instance_t *ctx, u32 msg_handle, u32 idx, u32 buffer, u32 n)
{
    (void)ctx;
    Z_spmZ_psa_write(&bulkhead_instance_spm, msg_handle, idx, buffer, n);
}
