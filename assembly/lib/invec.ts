// A service's small, fixed-layout inputs (a uid, a flags word, a request): read whole or refused.
// A client library always sends them whole, so anything else is a client's hand-made psa_call.
import { psa_msg_t, psa_read } from "bulkhead/psa/service";

/** Reads in_vec[i] into buf when it is exactly `size` bytes; false otherwise. */
export function readExact(msg: psa_msg_t, i: u32, buf: usize, size: u32): bool {
  return msg.in_size(i) == size && psa_read(msg.handle, i, buf, size) == size;
}

/** Reads in_vec[i] whole into buf when it is at most `max` bytes; its length, or -1. */
export function readUpTo(msg: psa_msg_t, i: u32, buf: usize, max: u32): i32 {
  const size = <u32>msg.in_size(i);
  return size <= max && psa_read(msg.handle, i, buf, size) == size ? <i32>size : -1;
}
