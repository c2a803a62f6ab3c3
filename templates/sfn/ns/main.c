/* The non-secure application: plain C against the PSA client API. The secure image owns the
 * UART; NS code prints through its console veneer. main()'s return value ends the run (QEMU's
 * exit code). */
#include <string.h>
#include "psa/client.h"
#include "psa_manifest/sid.h"
#include "bulkhead/veneers.h"

static void print(const char *s)
{
    bulkhead_ns_console_write_veneer(s, strlen(s));
}

int main(void)
{
    const char message[] = "hello, secure world";
    char reply[sizeof message] = { 0 };
    psa_invec in = { message, strlen(message) };
    psa_outvec out = { reply, sizeof reply - 1 };

    print("[NS] calling REVERSE_SERVICE\n");
    psa_status_t status = psa_call(REVERSE_SERVICE_HANDLE, PSA_IPC_CALL, &in, 1, &out, 1);
    if (status != PSA_SUCCESS) {
        print("[NS] REVERSE_SERVICE failed\n");
        return 1;
    }
    print("[NS] reply: ");
    print(reply);
    print("\n");
    return 0;
}
