// Echo partition: reads the client's input vector and writes it back upper-cased. Small, but it
// moves bytes both ways through the SPM, which is what the walking skeleton has to prove.
import { PSA_SUCCESS, psa_msg_t, psa_read, psa_status_t, psa_write } from "bulkhead/psa/service";

const BUFFER_SIZE: u32 = 64;
const buffer = memory.data(<i32>BUFFER_SIZE);

export function tfm_echo_service_sfn(msg: psa_msg_t): psa_status_t {
  const n = <u32>psa_read(msg.handle, 0, buffer, BUFFER_SIZE);
  for (let i: u32 = 0; i < n; i++) {
    const c = load<u8>(buffer + i);
    if (c >= 0x61 && c <= 0x7a) store<u8>(buffer + i, c - 0x20);
  }
  const room = <u32>msg.out_size(0);
  psa_write(msg.handle, 0, buffer, n < room ? n : room);
  return PSA_SUCCESS;
}
