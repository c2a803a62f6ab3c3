/* psa/internal_trusted_storage.h for NS code: each call is one psa_call to the ITS partition's
 * stateless service, in the message layout of assembly/psa/storage_common.ts (the values below
 * must match it; tests/trusted-services.test.ts checks that they do). Built only into images
 * whose manifest list has the partition. */
#include "psa/client.h"
#include "psa/internal_trusted_storage.h"
#include "psa_manifest/sid.h"

#ifdef TFM_INTERNAL_TRUSTED_STORAGE_SERVICE_HANDLE

#define TFM_ITS_SET 1001
#define TFM_ITS_GET 1002
#define TFM_ITS_GET_INFO 1003
#define TFM_ITS_REMOVE 1004

psa_status_t psa_its_set(psa_storage_uid_t uid, size_t data_length, const void *p_data,
                         psa_storage_create_flags_t create_flags)
{
    const psa_invec in[] = {{&uid, sizeof(uid)}, {p_data, data_length}, {&create_flags, sizeof(create_flags)}};
    return psa_call(TFM_INTERNAL_TRUSTED_STORAGE_SERVICE_HANDLE, TFM_ITS_SET, in, 3, NULL, 0);
}

psa_status_t psa_its_get(psa_storage_uid_t uid, size_t data_offset, size_t data_size, void *p_data,
                         size_t *p_data_length)
{
    const uint32_t offset = data_offset;
    const psa_invec in[] = {{&uid, sizeof(uid)}, {&offset, sizeof(offset)}};
    psa_outvec out[] = {{p_data, data_size}};
    if (p_data_length == NULL) {
        return PSA_ERROR_INVALID_ARGUMENT;
    }
    const psa_status_t status = psa_call(TFM_INTERNAL_TRUSTED_STORAGE_SERVICE_HANDLE, TFM_ITS_GET, in, 2, out, 1);
    *p_data_length = status == PSA_SUCCESS ? out[0].len : 0;
    return status;
}

psa_status_t psa_its_get_info(psa_storage_uid_t uid, struct psa_storage_info_t *p_info)
{
    const psa_invec in[] = {{&uid, sizeof(uid)}};
    psa_outvec out[] = {{p_info, sizeof(*p_info)}};
    if (p_info == NULL) {
        return PSA_ERROR_INVALID_ARGUMENT;
    }
    return psa_call(TFM_INTERNAL_TRUSTED_STORAGE_SERVICE_HANDLE, TFM_ITS_GET_INFO, in, 1, out, 1);
}

psa_status_t psa_its_remove(psa_storage_uid_t uid)
{
    const psa_invec in[] = {{&uid, sizeof(uid)}};
    return psa_call(TFM_INTERNAL_TRUSTED_STORAGE_SERVICE_HANDLE, TFM_ITS_REMOVE, in, 1, NULL, 0);
}

#endif
