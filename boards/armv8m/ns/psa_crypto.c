/* psa/crypto.h for NS code: each call is one psa_call to the Crypto partition's stateless
 * service, in the message layout of assembly/psa/crypto_values.ts (the values below must match
 * it; tests/trusted-services.test.ts checks that they do). Built only into images whose manifest
 * list has the partition. */
#include "psa/client.h"
#include "psa/crypto.h"
#include "psa_manifest/sid.h"

#ifdef TFM_CRYPTO_HANDLE

#define TFM_CRYPTO_INIT 2001
#define TFM_CRYPTO_HASH_COMPUTE 2002
#define TFM_CRYPTO_HASH_COMPARE 2003
#define TFM_CRYPTO_HASH_SETUP 2004
#define TFM_CRYPTO_HASH_UPDATE 2005
#define TFM_CRYPTO_HASH_FINISH 2006
#define TFM_CRYPTO_HASH_VERIFY 2007
#define TFM_CRYPTO_HASH_ABORT 2008
#define TFM_CRYPTO_IMPORT_KEY 2009
#define TFM_CRYPTO_DESTROY_KEY 2010
#define TFM_CRYPTO_GET_KEY_ATTRIBUTES 2011
#define TFM_CRYPTO_MAC_COMPUTE 2012
#define TFM_CRYPTO_MAC_VERIFY 2013
#define TFM_CRYPTO_GENERATE_RANDOM 2014
#define TFM_CRYPTO_HASH_CLONE 2015

/* in_vec[0] of every call but IMPORT_KEY. */
struct crypto_request {
    psa_algorithm_t alg;
    psa_key_id_t key;
    uint32_t op;
};

/* The request, then up to two inputs; out_vec[0] when out is given. *written is what the
 * service wrote there. */
static psa_status_t crypto_call(int32_t type, struct crypto_request req, const void *in1, size_t in1_len,
                                const void *in2, size_t in2_len, size_t inputs, void *out, size_t out_size,
                                size_t *written)
{
    const psa_invec in[] = {{&req, sizeof(req)}, {in1, in1_len}, {in2, in2_len}};
    psa_outvec vec_out[] = {{out, out_size}};
    const psa_status_t status = psa_call(TFM_CRYPTO_HANDLE, type, in, 1 + inputs, vec_out, out ? 1 : 0);
    if (written) {
        *written = status == PSA_SUCCESS ? vec_out[0].len : 0;
    }
    return status;
}

static struct crypto_request request(psa_algorithm_t alg, psa_key_id_t key, uint32_t op)
{
    const struct crypto_request req = {alg, key, op};
    return req;
}

psa_status_t psa_crypto_init(void)
{
    return psa_call(TFM_CRYPTO_HANDLE, TFM_CRYPTO_INIT, NULL, 0, NULL, 0);
}

psa_status_t psa_hash_compute(psa_algorithm_t alg, const uint8_t *input, size_t input_length, uint8_t *hash,
                              size_t hash_size, size_t *hash_length)
{
    return crypto_call(TFM_CRYPTO_HASH_COMPUTE, request(alg, 0, 0), input, input_length, NULL, 0, 1, hash,
                       hash_size, hash_length);
}

psa_status_t psa_hash_compare(psa_algorithm_t alg, const uint8_t *input, size_t input_length, const uint8_t *hash,
                              size_t hash_length)
{
    return crypto_call(TFM_CRYPTO_HASH_COMPARE, request(alg, 0, 0), input, input_length, hash, hash_length, 2,
                       NULL, 0, NULL);
}

psa_status_t psa_hash_setup(psa_hash_operation_t *operation, psa_algorithm_t alg)
{
    uint32_t handle = 0;
    const psa_status_t status = crypto_call(TFM_CRYPTO_HASH_SETUP, request(alg, 0, operation->handle), NULL, 0,
                                            NULL, 0, 0, &handle, sizeof(handle), NULL);
    if (status == PSA_SUCCESS) {
        operation->handle = handle;
    }
    return status;
}

psa_status_t psa_hash_update(psa_hash_operation_t *operation, const uint8_t *input, size_t input_length)
{
    return crypto_call(TFM_CRYPTO_HASH_UPDATE, request(0, 0, operation->handle), input, input_length, NULL, 0, 1,
                       NULL, 0, NULL);
}

psa_status_t psa_hash_finish(psa_hash_operation_t *operation, uint8_t *hash, size_t hash_size, size_t *hash_length)
{
    const psa_status_t status = crypto_call(TFM_CRYPTO_HASH_FINISH, request(0, 0, operation->handle), NULL, 0,
                                            NULL, 0, 0, hash, hash_size, hash_length);
    if (status == PSA_SUCCESS) {
        operation->handle = 0;
    }
    return status;
}

psa_status_t psa_hash_verify(psa_hash_operation_t *operation, const uint8_t *hash, size_t hash_length)
{
    const psa_status_t status = crypto_call(TFM_CRYPTO_HASH_VERIFY, request(0, 0, operation->handle), hash,
                                            hash_length, NULL, 0, 1, NULL, 0, NULL);
    if (status == PSA_SUCCESS) {
        operation->handle = 0;
    }
    return status;
}

psa_status_t psa_hash_abort(psa_hash_operation_t *operation)
{
    const psa_status_t status =
        crypto_call(TFM_CRYPTO_HASH_ABORT, request(0, 0, operation->handle), NULL, 0, NULL, 0, 0, NULL, 0, NULL);
    operation->handle = 0;
    return status;
}

/* The source's handle in the request, the target's as input 1: the partition checks that the
 * target is inactive, as psa_hash_setup does. */
psa_status_t psa_hash_clone(const psa_hash_operation_t *source_operation, psa_hash_operation_t *target_operation)
{
    uint32_t handle = 0;
    const psa_status_t status = crypto_call(TFM_CRYPTO_HASH_CLONE, request(0, 0, source_operation->handle),
                                            &target_operation->handle, sizeof(target_operation->handle), NULL, 0, 1,
                                            &handle, sizeof(handle), NULL);
    if (status == PSA_SUCCESS) {
        target_operation->handle = handle;
    }
    return status;
}

psa_status_t psa_import_key(const psa_key_attributes_t *attributes, const uint8_t *data, size_t data_length,
                            psa_key_id_t *key)
{
    const psa_invec in[] = {{attributes, sizeof(*attributes)}, {data, data_length}};
    psa_key_id_t id = PSA_KEY_ID_NULL;
    psa_outvec out[] = {{&id, sizeof(id)}};
    const psa_status_t status = psa_call(TFM_CRYPTO_HANDLE, TFM_CRYPTO_IMPORT_KEY, in, 2, out, 1);
    *key = status == PSA_SUCCESS ? id : PSA_KEY_ID_NULL;
    return status;
}

psa_status_t psa_destroy_key(psa_key_id_t key)
{
    return crypto_call(TFM_CRYPTO_DESTROY_KEY, request(0, key, 0), NULL, 0, NULL, 0, 0, NULL, 0, NULL);
}

psa_status_t psa_get_key_attributes(psa_key_id_t key, psa_key_attributes_t *attributes)
{
    return crypto_call(TFM_CRYPTO_GET_KEY_ATTRIBUTES, request(0, key, 0), NULL, 0, NULL, 0, 0, attributes,
                       sizeof(*attributes), NULL);
}

psa_status_t psa_mac_compute(psa_key_id_t key, psa_algorithm_t alg, const uint8_t *input, size_t input_length,
                             uint8_t *mac, size_t mac_size, size_t *mac_length)
{
    return crypto_call(TFM_CRYPTO_MAC_COMPUTE, request(alg, key, 0), input, input_length, NULL, 0, 1, mac, mac_size,
                       mac_length);
}

psa_status_t psa_mac_verify(psa_key_id_t key, psa_algorithm_t alg, const uint8_t *input, size_t input_length,
                            const uint8_t *mac, size_t mac_length)
{
    return crypto_call(TFM_CRYPTO_MAC_VERIFY, request(alg, key, 0), input, input_length, mac, mac_length, 2, NULL, 0,
                       NULL);
}

psa_status_t psa_generate_random(uint8_t *output, size_t output_size)
{
    psa_outvec out[] = {{output, output_size}};
    return psa_call(TFM_CRYPTO_HANDLE, TFM_CRYPTO_GENERATE_RANDOM, NULL, 0, out, 1);
}

#endif
