/* The non-secure application: plain C against the PSA APIs. It has REVERSE_SERVICE reverse a
 * message, keeps the result in Internal Trusted Storage, reads it back, and hashes it with the
 * Crypto service. The secure image owns the UART; NS code prints through its console veneer.
 * main()'s return value ends the run (QEMU's exit code). */
#include <string.h>
#include "psa/client.h"
#include "psa/crypto.h"
#include "psa/internal_trusted_storage.h"
#include "psa_manifest/sid.h"
#include "bulkhead/veneers.h"

#define REPLY_UID ((psa_storage_uid_t)1)

static void print(const char *s)
{
    bulkhead_ns_console_write_veneer(s, strlen(s));
}

static void print_hex(const uint8_t *b, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    char two[2];
    for (size_t i = 0; i < n; i++) {
        two[0] = digits[b[i] >> 4];
        two[1] = digits[b[i] & 15];
        bulkhead_ns_console_write_veneer(two, 2);
    }
}

int main(void)
{
    const char message[] = "hello, secure world";
    char reply[sizeof message] = { 0 };
    psa_invec in = { message, strlen(message) };
    psa_outvec out = { reply, sizeof reply - 1 };
    if (psa_call(REVERSE_SERVICE_HANDLE, PSA_IPC_CALL, &in, 1, &out, 1) != PSA_SUCCESS) {
        print("[NS] REVERSE_SERVICE failed\n");
        return 1;
    }
    print("[NS] reply: ");
    print(reply);
    print("\n");

    char stored[sizeof reply] = { 0 };
    size_t length = 0;
    if (psa_its_set(REPLY_UID, out.len, reply, PSA_STORAGE_FLAG_NONE) != PSA_SUCCESS ||
        psa_its_get(REPLY_UID, 0, sizeof stored - 1, stored, &length) != PSA_SUCCESS ||
        length != out.len || memcmp(stored, reply, length) != 0) {
        print("[NS] ITS did not give the reply back\n");
        return 2;
    }
    print("[NS] ITS uid 1 holds the reply\n");

    uint8_t hash[32];
    size_t hash_length = 0;
    if (psa_crypto_init() != PSA_SUCCESS ||
        psa_hash_compute(PSA_ALG_SHA_256, (const uint8_t *)stored, length, hash, sizeof hash, &hash_length) != PSA_SUCCESS) {
        print("[NS] psa_hash_compute failed\n");
        return 3;
    }
    print("[NS] SHA-256: ");
    print_hex(hash, hash_length);
    print("\n");
    return 0;
}
