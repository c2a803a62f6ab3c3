// A secure-only service: the sum of the bytes of input vector 0.
import { psa_msg_t, psa_read } from "bulkhead/psa/service";

const buf = memory.data(64);

export function conf_helper_service_sfn(msg: psa_msg_t): i32 {
  const n = <u32>psa_read(msg.handle, 0, buf, 64);
  let sum = 0;
  for (let i: u32 = 0; i < n; i++) sum += load<u8>(buf + i);
  return sum;
}

// A secure-only connection-based service, for the NS psa_connect it refuses.
export function conf_helper_connected_sfn(msg: psa_msg_t): i32 {
  return 0;
}
