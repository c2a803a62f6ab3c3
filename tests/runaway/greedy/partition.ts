// Allocates from its 320-byte heap (heap_size: 0x140): `type` buffers of 64 bytes, kept (nothing is
// freed). With their headers each takes 96 bytes, so three fit and a fourth is past heap_size.
import { psa_msg_t } from "bulkhead/psa/service";

const kept = memory.data(4 * 8);

export function greedy_service_sfn(msg: psa_msg_t): i32 {
  const buffers = msg.type;
  for (let i = 0; i < buffers; i++) store<usize>(kept + (<usize>i << 2), changetype<usize>(new ArrayBuffer(64)));
  return buffers;
}
