// Replies with the client ID the SPM reports for the caller (psa_msg_t.client_id): what a
// storage service would key the caller's assets by. The NSCE demo checks every NS task sees its own.
import { PSA_SUCCESS, psa_msg_t, psa_status_t, psa_write } from "../../../assembly/psa/service";

const word = memory.data(4);

export function demo_whoami_service_sfn(msg: psa_msg_t): psa_status_t {
  store<i32>(word, msg.client_id);
  psa_write(msg.handle, 0, word, 4);
  return PSA_SUCCESS;
}
