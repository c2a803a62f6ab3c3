// Replies with the client ID the SPM reports for the caller (psa_msg_t.client_id): what a
// storage service would key the caller's assets by. The NSCE demo checks every NS task sees its own.
import {
  PSA_ERROR_CONNECTION_BUSY, PSA_IPC_CONNECT, PSA_IPC_DISCONNECT, PSA_SUCCESS, psa_msg_t, psa_status_t, psa_write,
} from "bulkhead/psa/service";

const word = memory.data(4);

export function demo_whoami_service_sfn(msg: psa_msg_t): psa_status_t {
  store<i32>(word, msg.client_id);
  psa_write(msg.handle, 0, word, 4);
  return PSA_SUCCESS;
}

// A connection-based service that holds at most three connections, as a service with per-client
// state would: it learns that one ended only from PSA_IPC_DISCONNECT, which the SPM sends when
// the NS scheduler releases the context of a task that ended with the connection still open.
const TALLY_MAX = 3;
let open = 0;

export function demo_tally_service_sfn(msg: psa_msg_t): psa_status_t {
  if (msg.type == PSA_IPC_CONNECT) {
    if (open == TALLY_MAX) return PSA_ERROR_CONNECTION_BUSY;
    open++;
    return PSA_SUCCESS;
  }
  if (msg.type == PSA_IPC_DISCONNECT) open--;
  return PSA_SUCCESS;
}
