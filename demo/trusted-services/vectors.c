/* The Trusted Services demo, NS side, in C against psa/crypto.h and psa/internal_trusted_storage.h:
 * - published vectors through the Crypto partition: FIPS 180-4 / CAVP SHA-256 and SHA-224, one-shot,
 *   multipart and compared; RFC 4231 HMAC-SHA-256 and HMAC-SHA-224 cases 1-7, computed and verified;
 *   and the errors a wrong call gets;
 * - an ITS round trip, then an object written before a warm reset (SYSRESETREQ) and read back after
 *   it: the ITS flash keeps it. The first boot ends in the reset, the second returns the result. */
#include <string.h>
#include "psa/crypto.h"
#include "psa/internal_trusted_storage.h"
#include "bulkhead/ns_line.h"
#include "bulkhead/veneers.h"
#include "nsapp.h"

#define BOOT_UID 0xB007u
#define ROUND_TRIP_UID 0x42u
#define AIRCR (*(volatile uint32_t *)0xE000ED0Cu)
#define AIRCR_VECTKEY 0x05FA0000u
#define AIRCR_SYSRESETREQ (1u << 2)

static const char kept[] = "written before the warm reset";
static uint32_t failures;

static void print(const char *s)
{
    bulkhead_ns_console_write_veneer(s, strlen(s));
}

/* "[NS] <what>: <passed> of <total> ok", on one console write. */
static void result(const char *what, uint32_t passed, uint32_t total)
{
    char line[160];
    size_t n = bulkhead_line_append(line, 0, "[NS] ");
    n = bulkhead_line_append(line, n, what);
    n = bulkhead_line_append(line, n, ": ");
    n = bulkhead_line_append_uint(line, n, passed);
    n = bulkhead_line_append(line, n, " of ");
    n = bulkhead_line_append_uint(line, n, total);
    n = bulkhead_line_append(line, n, passed == total ? " ok\n" : " FAILED\n");
    bulkhead_ns_console_write_veneer(line, n);
    failures += total - passed;
}

static size_t unhex(const char *hex, uint8_t *out)
{
    size_t n = 0;
    for (; hex[0] && hex[1]; hex += 2) {
        uint8_t b = 0;
        for (int i = 0; i < 2; i++) {
            const char ch = hex[i];
            b = (uint8_t)(b << 4 | (ch <= '9' ? ch - '0' : ch - 'a' + 10));
        }
        out[n++] = b;
    }
    return n;
}

struct hash_vector {
    const char *message; /* NULL: one million 'a's */
    const char *digest;
};

static const char m448[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
static const char m896[] = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrs"
                           "mnopqrstnopqrstu";

static const struct hash_vector sha256_vectors[] = {
    {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
    {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
    {m448, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
    {m896, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
    {NULL, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
};
static const struct hash_vector sha224_vectors[] = {
    {"", "d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f"},
    {"abc", "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"},
    {m448, "75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525"},
    {m896, "c97ca9a559850ce97a04a96def6d99a9e0e0e2ab14e6b8df265fc0b3"},
    {NULL, "20794655980c91d8bbb4c1ea97618a4bf03f42581948b2ee4ee7ad67"},
};

static uint8_t buffer[1000];

/* One vector: one-shot (except the million 'a's), multipart, verify and compare. */
static int hash_ok(psa_algorithm_t alg, const struct hash_vector *v)
{
    uint8_t expected[PSA_HASH_MAX_SIZE], got[PSA_HASH_MAX_SIZE];
    size_t length = 0;
    const size_t size = unhex(v->digest, expected);
    psa_hash_operation_t op = PSA_HASH_OPERATION_INIT;
    int ok = psa_hash_setup(&op, alg) == PSA_SUCCESS;
    if (v->message == NULL) {
        memset(buffer, 'a', sizeof buffer);
        for (int i = 0; i < 1000; i++) {
            ok = ok && psa_hash_update(&op, buffer, sizeof buffer) == PSA_SUCCESS;
        }
        ok = ok && psa_hash_finish(&op, got, sizeof got, &length) == PSA_SUCCESS;
        return ok && length == size && memcmp(got, expected, size) == 0;
    }
    const uint8_t *m = (const uint8_t *)v->message;
    const size_t n = strlen(v->message);
    ok = ok && psa_hash_update(&op, m, n / 3) == PSA_SUCCESS && psa_hash_update(&op, m + n / 3, n - n / 3) == PSA_SUCCESS;
    ok = ok && psa_hash_verify(&op, expected, size) == PSA_SUCCESS && op.handle == 0;
    ok = ok && psa_hash_compute(alg, m, n, got, sizeof got, &length) == PSA_SUCCESS;
    ok = ok && length == size && memcmp(got, expected, size) == 0;
    return ok && psa_hash_compare(alg, m, n, expected, size) == PSA_SUCCESS;
}

static void hashes(void)
{
    uint32_t passed = 0;
    for (size_t i = 0; i < sizeof sha256_vectors / sizeof sha256_vectors[0]; i++) {
        passed += hash_ok(PSA_ALG_SHA_256, &sha256_vectors[i]);
    }
    result("SHA-256, FIPS 180-4 vectors (one-shot, multipart, verify, compare)", passed, 5);
    passed = 0;
    for (size_t i = 0; i < sizeof sha224_vectors / sizeof sha224_vectors[0]; i++) {
        passed += hash_ok(PSA_ALG_SHA_224, &sha224_vectors[i]);
    }
    result("SHA-224, FIPS 180-4 vectors (one-shot, multipart, verify, compare)", passed, 5);
}

struct hmac_case {
    const char *key;  /* hex; NULL: 131 bytes of 0xaa */
    const char *data; /* hex */
    const char *sha256;
    const char *sha224;
};

/* RFC 4231 section 4; case 5 is truncated to 128 bits. */
static const struct hmac_case rfc4231[] = {
    {"0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265",
     "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
     "896fb1128abbdf196832107cd49df33f47b4b1169912ba4f53684b22"},
    {"4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
     "a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44"},
    {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
     "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd",
     "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
     "7fb3cb3588c6c1f6ffa9694d7d6ad2649365b0c1f65d69d1ec8333ea"},
    {"0102030405060708090a0b0c0d0e0f10111213141516171819",
     "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd",
     "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
     "6c11506874013cac6a2abc1bb382627cec6a90d86efc012de7afec5a"},
    {"0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c", "546573742057697468205472756e636174696f6e",
     "a3b6167473100ee06e0c796c2955552b", "0e2aea68a90c8d37c988bcdb9fca6fa8"},
    {NULL,
     "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374",
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
     "95e9a0db962095adaebe9b2d6f0dbce2d499f112f2d2b7273fa6870e"},
    {NULL,
     "5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a65206b657920616e64206120"
     "6c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565647320746f2062652068617368656420"
     "6265666f7265206265696e6720757365642062792074686520484d414320616c676f726974686d2e",
     "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
     "3a854166ac5d9f023f54d517d0b39dbd946770db9c2b95c9f6f565d1"},
};

static int hmac_ok(const struct hmac_case *c, int truncated, psa_algorithm_t hash, const char *mac_hex)
{
    uint8_t key[131], data[160], expected[PSA_MAC_MAX_SIZE], mac[PSA_MAC_MAX_SIZE];
    size_t key_length = sizeof key, length = 0;
    if (c->key) {
        key_length = unhex(c->key, key);
    } else {
        memset(key, 0xaa, sizeof key);
    }
    const size_t data_length = unhex(c->data, data);
    const size_t mac_size = unhex(mac_hex, expected);
    const psa_algorithm_t alg = truncated ? PSA_ALG_TRUNCATED_MAC(PSA_ALG_HMAC(hash), mac_size) : PSA_ALG_HMAC(hash);
    psa_key_attributes_t attributes = PSA_KEY_ATTRIBUTES_INIT;
    psa_set_key_type(&attributes, PSA_KEY_TYPE_HMAC);
    psa_set_key_usage_flags(&attributes, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE);
    psa_set_key_algorithm(&attributes, alg);
    psa_key_id_t id = PSA_KEY_ID_NULL;
    int ok = psa_import_key(&attributes, key, key_length, &id) == PSA_SUCCESS;
    ok = ok && psa_mac_compute(id, alg, data, data_length, mac, sizeof mac, &length) == PSA_SUCCESS;
    ok = ok && length == mac_size && memcmp(mac, expected, mac_size) == 0;
    ok = ok && psa_mac_verify(id, alg, data, data_length, expected, mac_size) == PSA_SUCCESS;
    expected[0] ^= 1;
    ok = ok && psa_mac_verify(id, alg, data, data_length, expected, mac_size) == PSA_ERROR_INVALID_SIGNATURE;
    return psa_destroy_key(id) == PSA_SUCCESS && ok;
}

static void hmacs(void)
{
    uint32_t passed256 = 0, passed224 = 0;
    for (size_t i = 0; i < sizeof rfc4231 / sizeof rfc4231[0]; i++) {
        passed256 += hmac_ok(&rfc4231[i], i == 4, PSA_ALG_SHA_256, rfc4231[i].sha256);
        passed224 += hmac_ok(&rfc4231[i], i == 4, PSA_ALG_SHA_224, rfc4231[i].sha224);
    }
    result("HMAC-SHA-256, RFC 4231 cases 1-7 (compute, verify, reject a wrong MAC)", passed256, 7);
    result("HMAC-SHA-224, RFC 4231 cases 1-7 (compute, verify, reject a wrong MAC)", passed224, 7);
}

/* What a wrong call gets: the PSA error, never a result. */
static void errors(void)
{
    uint8_t out[PSA_HASH_MAX_SIZE];
    size_t length = 1;
    uint32_t passed = 0;
    psa_hash_operation_t op = PSA_HASH_OPERATION_INIT;
    passed += psa_hash_compute(0x0200000bu /* SHA-512 */, buffer, 3, out, sizeof out, &length) == PSA_ERROR_NOT_SUPPORTED;
    passed += psa_hash_compute(PSA_ALG_SHA_256, buffer, 3, out, 31, &length) == PSA_ERROR_BUFFER_TOO_SMALL && length == 0;
    passed += psa_hash_update(&op, buffer, 3) == PSA_ERROR_BAD_STATE;
    passed += psa_hash_setup(&op, PSA_ALG_SHA_256) == PSA_SUCCESS && psa_hash_setup(&op, PSA_ALG_SHA_256) == PSA_ERROR_BAD_STATE;
    passed += psa_hash_abort(&op) == PSA_SUCCESS && op.handle == 0;

    psa_key_attributes_t attributes = PSA_KEY_ATTRIBUTES_INIT;
    psa_set_key_type(&attributes, PSA_KEY_TYPE_HMAC);
    psa_set_key_usage_flags(&attributes, PSA_KEY_USAGE_VERIFY_MESSAGE);
    psa_set_key_algorithm(&attributes, PSA_ALG_HMAC(PSA_ALG_SHA_256));
    psa_key_id_t id = PSA_KEY_ID_NULL;
    passed += psa_import_key(&attributes, buffer, 16, &id) == PSA_SUCCESS;
    passed += psa_mac_compute(id, PSA_ALG_HMAC(PSA_ALG_SHA_256), buffer, 3, out, sizeof out, &length) == PSA_ERROR_NOT_PERMITTED;
    passed += psa_destroy_key(id) == PSA_SUCCESS && psa_destroy_key(id) == PSA_ERROR_INVALID_HANDLE;
    result("Crypto errors (unknown algorithm, small buffer, state misuse, key usage, destroyed key)", passed, 8);
}

static void storage_round_trip(void)
{
    static const char value[] = "an object from C";
    char back[sizeof value];
    size_t length = 0;
    struct psa_storage_info_t info;
    uint32_t passed = 0;
    passed += psa_its_set(ROUND_TRIP_UID, sizeof value, value, PSA_STORAGE_FLAG_NONE) == PSA_SUCCESS;
    passed += psa_its_get(ROUND_TRIP_UID, 0, sizeof back, back, &length) == PSA_SUCCESS && length == sizeof value &&
              memcmp(back, value, sizeof value) == 0;
    passed += psa_its_get_info(ROUND_TRIP_UID, &info) == PSA_SUCCESS && info.size == sizeof value;
    /* PSA Storage API: psa_its_get retrieves up to data_size bytes; only an offset past the end is refused. */
    passed += psa_its_get(ROUND_TRIP_UID, 4, sizeof back, back, &length) == PSA_SUCCESS && length == sizeof value - 4 &&
              memcmp(back, value + 4, sizeof value - 4) == 0;
    passed += psa_its_get(ROUND_TRIP_UID, sizeof value + 1, sizeof back, back, &length) == PSA_ERROR_INVALID_ARGUMENT;
    passed += psa_its_remove(ROUND_TRIP_UID) == PSA_SUCCESS && psa_its_get_info(ROUND_TRIP_UID, &info) == PSA_ERROR_DOES_NOT_EXIST;
    result("ITS round trip (set, get, get_info, bounds, remove)", passed, 6);
}

/* The attribute accessors' rules (PSA Crypto 1.1: an id makes volatile attributes persistent, a
 * volatile lifetime clears the id), a persistent key refused, and psa_hash_clone: two hashes of
 * "abc" that share the prefix "a" (FIPS 180-4's first SHA-256 vector). */
static void attributes_and_clone(void)
{
    uint32_t passed = 0;
    psa_key_attributes_t a = psa_key_attributes_init();
    psa_set_key_id(&a, 0x1234);
    passed += psa_get_key_id(&a) == 0x1234 && psa_get_key_lifetime(&a) == PSA_KEY_LIFETIME_PERSISTENT;
    psa_set_key_lifetime(&a, PSA_KEY_LIFETIME_VOLATILE);
    passed += psa_get_key_id(&a) == PSA_KEY_ID_NULL && PSA_KEY_LIFETIME_IS_VOLATILE(psa_get_key_lifetime(&a));
    psa_set_key_type(&a, PSA_KEY_TYPE_HMAC);
    psa_set_key_usage_flags(&a, PSA_KEY_USAGE_SIGN_MESSAGE);
    psa_set_key_algorithm(&a, PSA_ALG_HMAC(PSA_ALG_SHA_256));
    psa_set_key_id(&a, 0x1234);
    psa_key_id_t id = PSA_KEY_ID_NULL;
    passed += psa_import_key(&a, buffer, 16, &id) == PSA_ERROR_NOT_SUPPORTED && id == PSA_KEY_ID_NULL;

    uint8_t abc[32];
    unhex(sha256_vectors[1].digest, abc);
    psa_hash_operation_t first = PSA_HASH_OPERATION_INIT, second = PSA_HASH_OPERATION_INIT;
    passed += psa_hash_setup(&first, PSA_ALG_SHA_256) == PSA_SUCCESS && psa_hash_update(&first, (const uint8_t *)"a", 1) == PSA_SUCCESS &&
              psa_hash_clone(&first, &second) == PSA_SUCCESS && second.handle != 0 && second.handle != first.handle;
    passed += psa_hash_clone(&first, &second) == PSA_ERROR_BAD_STATE;
    passed += psa_hash_update(&first, (const uint8_t *)"bc", 2) == PSA_SUCCESS && psa_hash_verify(&first, abc, 32) == PSA_SUCCESS &&
              psa_hash_update(&second, (const uint8_t *)"bc", 2) == PSA_SUCCESS && psa_hash_verify(&second, abc, 32) == PSA_SUCCESS;
    result("Key attributes and psa_hash_clone (id, lifetime, persistent refused, clone, clone into an active target)", passed, 6);
}

u32 Z_trusted_services_demoZ_run(struct Z_trusted_services_demo_instance_t *ctx)
{
    (void)ctx;
    char back[sizeof kept];
    size_t length = 0;
    struct psa_storage_info_t info;
    if (psa_its_get_info(BOOT_UID, &info) == PSA_ERROR_DOES_NOT_EXIST) {
        print("[NS] first boot\n");
        if (psa_crypto_init() != PSA_SUCCESS) {
            failures++;
        }
        hashes();
        hmacs();
        errors();
        attributes_and_clone();
        storage_round_trip();
        if (failures != 0 || psa_its_set(BOOT_UID, sizeof kept, kept, PSA_STORAGE_FLAG_NONE) != PSA_SUCCESS) {
            print("[NS] Trusted Services demo FAILED\n");
            return 1;
        }
        print("[NS] stored \"" "written before the warm reset" "\"; requesting a warm reset (SYSRESETREQ)\n");
        __asm volatile("dsb" ::: "memory");
        AIRCR = AIRCR_VECTKEY | AIRCR_SYSRESETREQ;
        __asm volatile("dsb" ::: "memory");
        for (;;) {
        }
    }
    const int kept_ok = psa_its_get(BOOT_UID, 0, sizeof back, back, &length) == PSA_SUCCESS && length == sizeof kept &&
                        memcmp(back, kept, sizeof kept) == 0;
    const int removed = psa_its_remove(BOOT_UID) == PSA_SUCCESS;
    print(kept_ok ? "[NS] after the warm reset, ITS still holds \"written before the warm reset\"\n"
                  : "[NS] after the warm reset, the ITS object is wrong or gone\n");
    print(kept_ok && removed ? "[NS] Trusted Services demo passed\n" : "[NS] Trusted Services demo FAILED\n");
    return kept_ok && removed ? 0 : 1;
}
