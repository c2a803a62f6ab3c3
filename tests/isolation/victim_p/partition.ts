// A PSA-RoT partition whose code, data, stack and timer the probes aim at; it answers to show it
// is still alive.
import { PSA_SUCCESS, psa_msg_t } from "bulkhead/psa/service";

export function iso_victim_p_service_sfn(msg: psa_msg_t): i32 {
  return PSA_SUCCESS;
}
