// Hands the PSA API NULL, or a pointer below its static data, in one place per message type; FF-M's
// outcome is a panic each time. restarts: 5 brings it back for the next case.
import { TFM_ECHO_SERVICE_HANDLE } from "psa_manifest/sid";
import { PSA_IPC_CALL, psa_call, psa_invec } from "bulkhead/psa/client";
import { PSA_SUCCESS, psa_msg_t, psa_read, psa_write } from "bulkhead/psa/service";

const vec = memory.data(8);

export function nuller_service_sfn(msg: psa_msg_t): i32 {
  switch (msg.type) {
    case 1: return psa_call(TFM_ECHO_SERVICE_HANDLE, PSA_IPC_CALL, 0, 1, 0, 0); // a NULL invec array
    case 2: {
      const v = changetype<psa_invec>(vec);
      v.base = 0; // a NULL invec base
      v.len = 4;
      return psa_call(TFM_ECHO_SERVICE_HANDLE, PSA_IPC_CALL, vec, 1, 0, 0);
    }
    case 3: return <i32>psa_read(msg.handle, 0, 0, 4);
    case 4: psa_write(msg.handle, 0, 0, 4); return 0;
    case 5: return <i32>psa_read(msg.handle, 0, 512, 4); // below its static data
  }
  return PSA_SUCCESS;
}
