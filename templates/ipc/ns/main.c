/* The non-secure application: plain C against the PSA client API. It opens a connection to
 * FNV_SERVICE, sends a message in two calls, and checks the running hash against its own. The
 * secure image owns the UART; NS code prints through its console veneer. main()'s return value
 * ends the run (QEMU's exit code). */
#include <string.h>
#include "psa/client.h"
#include "psa_manifest/sid.h"
#include "bulkhead/veneers.h"
#include "bulkhead/ns_line.h"

static void print(const char *s)
{
    bulkhead_ns_console_write_veneer(s, strlen(s));
}

static uint32_t fnv1a(const char *s, uint32_t h)
{
    while (*s) {
        h = (h ^ (uint8_t)*s++) * 0x01000193u;
    }
    return h;
}

static psa_status_t send(psa_handle_t h, const char *s, uint32_t *hash)
{
    psa_invec in = { s, strlen(s) };
    psa_outvec out = { hash, sizeof *hash };
    return psa_call(h, PSA_IPC_CALL, &in, 1, &out, 1);
}

int main(void)
{
    psa_handle_t h = psa_connect(FNV_SERVICE_SID, FNV_SERVICE_VERSION);
    if (h <= 0) {
        print("[NS] psa_connect(FNV_SERVICE) was refused\n");
        return 1;
    }
    uint32_t hash = 0;
    if (send(h, "hello, ", &hash) != PSA_SUCCESS || send(h, "secure world", &hash) != PSA_SUCCESS) {
        print("[NS] FNV_SERVICE failed\n");
        return 2;
    }
    psa_close(h);
    char line[64];
    size_t n = bulkhead_line_append(line, 0, "[NS] FNV-1a of the two calls: ");
    n = bulkhead_line_append_uint(line, n, hash);
    n = bulkhead_line_append(line, n, hash == fnv1a("hello, secure world", 0x811c9dc5u) ? " (matches)\n" : " (WRONG)\n");
    bulkhead_ns_console_write_veneer(line, n);
    return hash == fnv1a("hello, secure world", 0x811c9dc5u) ? 0 : 3;
}
