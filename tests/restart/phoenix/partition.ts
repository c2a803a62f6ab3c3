// Restartable (restarts: 2): type 0 counts calls in RAM (the count starts again after a restart,
// because its memory does), 1 panics, 2 stores an ITS object, 3 reads its length back (it
// outlives restarts), 4 says how many times entry_init ran in this incarnation (once).
import { PSA_IPC_CONNECT, PSA_IPC_DISCONNECT, PSA_SUCCESS, psa_msg_t, psa_panic } from "bulkhead/psa/service";
import { psa_its_get, psa_its_set } from "bulkhead/psa/its";

const KEPT_UID: u64 = 7;
const text = memory.data<u8>([0x6b, 0x65, 0x70, 0x74]); // "kept"
const back = memory.data(8);
const length = memory.data(4);
let calls: i32 = 0;
let inits: i32 = 0;

export function phoenix_init(): i32 {
  inits++;
  return PSA_SUCCESS;
}

function serve(msg: psa_msg_t): i32 {
  switch (msg.type) {
    case 0: return calls++;
    case 1: psa_panic(); return 0;
    case 2: return psa_its_set(KEPT_UID, 4, text, 0);
    case 3: {
      const status = psa_its_get(KEPT_UID, 0, 8, back, length);
      return status == PSA_SUCCESS ? load<i32>(length) : status;
    }
    case 4: return inits;
    default: return -1;
  }
}

export function phoenix_service_sfn(msg: psa_msg_t): i32 {
  return serve(msg);
}

export function phoenix_connected_sfn(msg: psa_msg_t): i32 {
  if (msg.type == PSA_IPC_CONNECT || msg.type == PSA_IPC_DISCONNECT) return PSA_SUCCESS;
  return serve(msg);
}
