/* Calls a bulkhead service through nothing but the ns-interface bundle. */
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
    char reply[16] = { 0 };
    psa_invec in = { "from make", 9 };
    psa_outvec out = { reply, sizeof reply };
    if (psa_framework_version() != PSA_FRAMEWORK_VERSION) {
        print("[MAKE] psa_framework_version is not this header's\n");
        return 1;
    }
    psa_status_t status = psa_call(TFM_ECHO_SERVICE_HANDLE, PSA_IPC_CALL, &in, 1, &out, 1);
    if (status != PSA_SUCCESS || out.len != 9 || memcmp(reply, "FROM MAKE", 9) != 0) {
        print("[MAKE] psa_call to TFM_ECHO_SERVICE failed\n");
        return 2;
    }
    print("[MAKE] an NS image built by its own Makefile called TFM_ECHO_SERVICE: FROM MAKE\n");
    return 0;
}
