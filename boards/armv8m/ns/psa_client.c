/* psa/client.h for the NS image, on top of the secure image's veneers. */
#include "bulkhead/veneers.h"

uint32_t psa_framework_version(void)
{
    return tfm_psa_framework_version_veneer();
}

uint32_t psa_version(uint32_t sid)
{
    return tfm_psa_version_veneer(sid);
}

psa_status_t psa_call(psa_handle_t handle, int32_t type, const psa_invec *in_vec, size_t in_len,
                      psa_outvec *out_vec, size_t out_len)
{
    /* Lengths that do not fit the packed word would alias smaller ones: refuse them here. */
    if (type < 0 || type > 0x7fff || in_len > PSA_MAX_IOVEC || out_len > PSA_MAX_IOVEC) {
        return PSA_ERROR_PROGRAMMER_ERROR;
    }
    return tfm_psa_call_veneer(handle, BULKHEAD_CALL_PACK(type, in_len, out_len), in_vec, out_vec);
}

psa_handle_t psa_connect(uint32_t sid, uint32_t version)
{
    return tfm_psa_connect_veneer(sid, version);
}

void psa_close(psa_handle_t handle)
{
    tfm_psa_close_veneer(handle);
}
