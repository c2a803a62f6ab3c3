// Dies as asked: a call of type 1 traps (unreachable executed).
import { PSA_SUCCESS, psa_msg_t } from "bulkhead/psa/service";

export function conf_victim_service_sfn(msg: psa_msg_t): i32 {
  if (msg.type == 1) unreachable();
  return PSA_SUCCESS;
}
