// Secure-to-secure calls: one NS call asks for n calls from this partition to BENCH_EMPTY_SERVICE.
import { BENCH_EMPTY_SERVICE_HANDLE } from "psa_manifest/sid";
import { PSA_IPC_CALL, psa_call } from "bulkhead/psa/client";
import { PSA_SUCCESS, psa_msg_t, psa_read, psa_status_t } from "bulkhead/psa/service";

const count = memory.data(4);

export function bench_relay_service_sfn(msg: psa_msg_t): psa_status_t {
  if (psa_read(msg.handle, 0, count, 4) != 4) return PSA_SUCCESS;
  const n = load<u32>(count);
  for (let i: u32 = 0; i < n; i++) {
    const status = psa_call(BENCH_EMPTY_SERVICE_HANDLE, PSA_IPC_CALL, 0, 0, 0, 0);
    if (status != PSA_SUCCESS) return status;
  }
  return PSA_SUCCESS;
}
