// The reverse service: reads the caller's first input vector, writes it back to the first output
// vector in reverse order. A partition is AssemblyScript with its own memory: it sees the
// caller's buffers only through psa_read and psa_write, which the SPM checks.
import {
  PSA_ERROR_BUFFER_TOO_SMALL, PSA_ERROR_INVALID_ARGUMENT, PSA_SUCCESS, psa_msg_t, psa_read, psa_status_t, psa_write,
} from "bulkhead/psa/service";

const MAX_INPUT: u32 = 256;
const buffer = memory.data(<i32>MAX_INPUT);

export function reverse_service_sfn(msg: psa_msg_t): psa_status_t {
  const n = <u32>msg.in_size(0);
  if (n > MAX_INPUT) return PSA_ERROR_INVALID_ARGUMENT;
  if (<u32>msg.out_size(0) < n) return PSA_ERROR_BUFFER_TOO_SMALL;
  psa_read(msg.handle, 0, buffer, n);
  for (let i: u32 = 0, j = n; i + 1 < j; i++, j--) {
    const c = load<u8>(buffer + i);
    store<u8>(buffer + i, load<u8>(buffer + j - 1));
    store<u8>(buffer + j - 1, c);
  }
  psa_write(msg.handle, 0, buffer, n);
  return PSA_SUCCESS;
}
