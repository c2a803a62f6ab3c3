/* PSA Certified Crypto API 1.1: the subset bulkhead's Crypto partition serves
 * (assembly/partitions/crypto): SHA-256 and SHA-224 hashes, one-shot and multipart; HMAC with
 * either, full length or truncated; volatile HMAC keys; random bytes. Names, types and values are
 * the specification's. Key material stays in the partition: a key ID, like a hash operation,
 * names something only to the client ID that made it. */
#ifndef PSA_CRYPTO_H
#define PSA_CRYPTO_H

#include <stddef.h>
#include <stdint.h>
#include "psa/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PSA_CRYPTO_API_VERSION_MAJOR 1
#define PSA_CRYPTO_API_VERSION_MINOR 1

typedef uint32_t psa_algorithm_t;
typedef uint32_t psa_key_id_t;
typedef uint16_t psa_key_type_t;
typedef uint32_t psa_key_usage_t;
typedef uint32_t psa_key_lifetime_t;

/* Algorithms. */
#define PSA_ALG_NONE ((psa_algorithm_t)0)
#define PSA_ALG_SHA_224 ((psa_algorithm_t)0x02000008)
#define PSA_ALG_SHA_256 ((psa_algorithm_t)0x02000009)
#define PSA_ALG_IS_HASH(alg) (((alg) & 0x7f000000u) == 0x02000000u)
#define PSA_ALG_IS_MAC(alg) (((alg) & 0x7f000000u) == 0x03000000u)
#define PSA_ALG_IS_HMAC(alg) (((alg) & 0x7fc00000u) == 0x03800000u)
#define PSA_ALG_HMAC(hash_alg) ((psa_algorithm_t)(0x03800000u | ((hash_alg) & 0x000000ffu)))
#define PSA_ALG_MAC_TRUNCATION_MASK ((psa_algorithm_t)0x003f0000)
#define PSA_ALG_MAC_AT_LEAST_THIS_LENGTH_FLAG ((psa_algorithm_t)0x00008000)
#define PSA_ALG_TRUNCATED_MAC(mac_alg, mac_length) \
    ((psa_algorithm_t)(((mac_alg) & ~(PSA_ALG_MAC_TRUNCATION_MASK | PSA_ALG_MAC_AT_LEAST_THIS_LENGTH_FLAG)) | \
                       ((uint32_t)(mac_length) << 16)))
#define PSA_ALG_FULL_LENGTH_MAC(mac_alg) \
    ((psa_algorithm_t)((mac_alg) & ~(PSA_ALG_MAC_TRUNCATION_MASK | PSA_ALG_MAC_AT_LEAST_THIS_LENGTH_FLAG)))
#define PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(mac_alg, min_mac_length) \
    (PSA_ALG_TRUNCATED_MAC(mac_alg, min_mac_length) | PSA_ALG_MAC_AT_LEAST_THIS_LENGTH_FLAG)

/* Sizes. */
#define PSA_HASH_LENGTH(alg) ((alg) == PSA_ALG_SHA_256 ? 32u : (alg) == PSA_ALG_SHA_224 ? 28u : 0u)
#define PSA_HASH_MAX_SIZE 32u
#define PSA_MAC_MAX_SIZE 32u

/* Keys. */
#define PSA_KEY_TYPE_NONE ((psa_key_type_t)0x0000)
#define PSA_KEY_TYPE_RAW_DATA ((psa_key_type_t)0x1001)
#define PSA_KEY_TYPE_HMAC ((psa_key_type_t)0x1100)
#define PSA_KEY_USAGE_EXPORT ((psa_key_usage_t)0x00000001)
#define PSA_KEY_USAGE_COPY ((psa_key_usage_t)0x00000002)
#define PSA_KEY_USAGE_SIGN_MESSAGE ((psa_key_usage_t)0x00000400)
#define PSA_KEY_USAGE_VERIFY_MESSAGE ((psa_key_usage_t)0x00000800)
#define PSA_KEY_USAGE_SIGN_HASH ((psa_key_usage_t)0x00001000)
#define PSA_KEY_USAGE_VERIFY_HASH ((psa_key_usage_t)0x00002000)
#define PSA_KEY_LIFETIME_VOLATILE ((psa_key_lifetime_t)0x00000000)
#define PSA_KEY_LIFETIME_PERSISTENT ((psa_key_lifetime_t)0x00000001)
#define PSA_KEY_PERSISTENCE_VOLATILE ((uint8_t)0x00)
#define PSA_KEY_LIFETIME_GET_PERSISTENCE(lifetime) ((uint8_t)((lifetime) & 0x000000ff))
#define PSA_KEY_LIFETIME_IS_VOLATILE(lifetime) (PSA_KEY_LIFETIME_GET_PERSISTENCE(lifetime) == PSA_KEY_PERSISTENCE_VOLATILE)
#define PSA_KEY_ID_NULL ((psa_key_id_t)0)

/* Key attributes, laid out as they cross to the partition (20 bytes). Only volatile keys are
 * supported: psa_import_key of a persistent lifetime (or an id, which makes one) is NOT_SUPPORTED. */
typedef struct psa_key_attributes_s {
    psa_key_type_t type;
    uint16_t bits;
    psa_key_lifetime_t lifetime;
    psa_key_id_t id;
    psa_key_usage_t usage;
    psa_algorithm_t alg;
} psa_key_attributes_t;

#define PSA_KEY_ATTRIBUTES_INIT {0, 0, PSA_KEY_LIFETIME_VOLATILE, PSA_KEY_ID_NULL, 0, PSA_ALG_NONE}

static inline psa_key_attributes_t psa_key_attributes_init(void)
{
    const psa_key_attributes_t init = PSA_KEY_ATTRIBUTES_INIT;
    return init;
}
static inline void psa_set_key_type(psa_key_attributes_t *a, psa_key_type_t type) { a->type = type; }
static inline void psa_set_key_bits(psa_key_attributes_t *a, size_t bits) { a->bits = (uint16_t)bits; }
static inline void psa_set_key_usage_flags(psa_key_attributes_t *a, psa_key_usage_t usage) { a->usage = usage; }
static inline void psa_set_key_algorithm(psa_key_attributes_t *a, psa_algorithm_t alg) { a->alg = alg; }
static inline psa_key_type_t psa_get_key_type(const psa_key_attributes_t *a) { return a->type; }
static inline size_t psa_get_key_bits(const psa_key_attributes_t *a) { return a->bits; }
static inline psa_key_usage_t psa_get_key_usage_flags(const psa_key_attributes_t *a) { return a->usage; }
static inline psa_algorithm_t psa_get_key_algorithm(const psa_key_attributes_t *a) { return a->alg; }
static inline psa_key_id_t psa_get_key_id(const psa_key_attributes_t *a) { return a->id; }
static inline psa_key_lifetime_t psa_get_key_lifetime(const psa_key_attributes_t *a) { return a->lifetime; }
/* PSA Crypto 1.1: naming a key makes volatile attributes persistent... */
static inline void psa_set_key_id(psa_key_attributes_t *a, psa_key_id_t id)
{
    a->id = id;
    if (PSA_KEY_LIFETIME_IS_VOLATILE(a->lifetime)) {
        a->lifetime = PSA_KEY_LIFETIME_PERSISTENT;
    }
}
/* ...and a volatile lifetime clears the id. */
static inline void psa_set_key_lifetime(psa_key_attributes_t *a, psa_key_lifetime_t lifetime)
{
    a->lifetime = lifetime;
    if (PSA_KEY_LIFETIME_IS_VOLATILE(lifetime)) {
        a->id = PSA_KEY_ID_NULL;
    }
}
static inline void psa_reset_key_attributes(psa_key_attributes_t *a) { *a = psa_key_attributes_init(); }

/* A multipart hash operation: the partition's handle for it, 0 while inactive. */
typedef struct psa_hash_operation_s {
    uint32_t handle;
} psa_hash_operation_t;

#define PSA_HASH_OPERATION_INIT {0}

static inline psa_hash_operation_t psa_hash_operation_init(void)
{
    const psa_hash_operation_t init = PSA_HASH_OPERATION_INIT;
    return init;
}

psa_status_t psa_crypto_init(void);

psa_status_t psa_hash_compute(psa_algorithm_t alg, const uint8_t *input, size_t input_length, uint8_t *hash,
                              size_t hash_size, size_t *hash_length);
psa_status_t psa_hash_compare(psa_algorithm_t alg, const uint8_t *input, size_t input_length, const uint8_t *hash,
                              size_t hash_length);
psa_status_t psa_hash_setup(psa_hash_operation_t *operation, psa_algorithm_t alg);
psa_status_t psa_hash_update(psa_hash_operation_t *operation, const uint8_t *input, size_t input_length);
psa_status_t psa_hash_finish(psa_hash_operation_t *operation, uint8_t *hash, size_t hash_size, size_t *hash_length);
psa_status_t psa_hash_verify(psa_hash_operation_t *operation, const uint8_t *hash, size_t hash_length);
psa_status_t psa_hash_abort(psa_hash_operation_t *operation);
psa_status_t psa_hash_clone(const psa_hash_operation_t *source_operation, psa_hash_operation_t *target_operation);

psa_status_t psa_import_key(const psa_key_attributes_t *attributes, const uint8_t *data, size_t data_length,
                            psa_key_id_t *key);
psa_status_t psa_destroy_key(psa_key_id_t key);
psa_status_t psa_get_key_attributes(psa_key_id_t key, psa_key_attributes_t *attributes);

psa_status_t psa_mac_compute(psa_key_id_t key, psa_algorithm_t alg, const uint8_t *input, size_t input_length,
                             uint8_t *mac, size_t mac_size, size_t *mac_length);
psa_status_t psa_mac_verify(psa_key_id_t key, psa_algorithm_t alg, const uint8_t *input, size_t input_length,
                            const uint8_t *mac, size_t mac_length);

psa_status_t psa_generate_random(uint8_t *output, size_t output_size);

#ifdef __cplusplus
}
#endif

#endif /* PSA_CRYPTO_H */
