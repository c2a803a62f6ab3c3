// No heap_size, so no heap: its one allocation traps.
import { psa_msg_t } from "bulkhead/psa/service";

export function no_heap_service_sfn(msg: psa_msg_t): i32 {
  return new ArrayBuffer(4 + msg.type).byteLength;
}
