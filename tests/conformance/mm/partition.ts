// MM-IOVEC conformance partition. Types below 10 use the API as FF-M allows and return a
// checkable value; types from 10 up each break one MM-IOVEC rule, and the partition is panicked.
import {
  MM_IOVEC_WINDOW, PSA_SUCCESS, psa_map_invec, psa_map_outvec, psa_msg_t, psa_panic, psa_read,
  psa_unmap_invec, psa_unmap_outvec, psa_write,
} from "bulkhead/psa/service";

const buf = memory.data(64);

// Sums the bytes of mapped input 0, writes them reversed through mapped output 0.
function reverse(msg: psa_msg_t): i32 {
  const n = <u32>msg.in_size(0);
  const src = psa_map_invec(msg.handle, 0);
  const dst = psa_map_outvec(msg.handle, 0);
  let sum = 0;
  for (let i: u32 = 0; i < n; i++) {
    const b = load<u8>(src + i);
    sum += b;
    store<u8>(dst + n - 1 - i, b);
  }
  psa_unmap_invec(msg.handle, 0);
  psa_unmap_outvec(msg.handle, 0, n);
  return sum;
}

// Three vectors mapped at once, each in its own part of the window: output 0 gets in0 ++ in1.
function concat(msg: psa_msg_t): i32 {
  const a = <u32>msg.in_size(0);
  const b = <u32>msg.in_size(1);
  const pa = psa_map_invec(msg.handle, 0);
  const pb = psa_map_invec(msg.handle, 1);
  const po = psa_map_outvec(msg.handle, 0);
  if (pa == pb || pb == po || pa == po) return -1;
  memory.copy(po, pa, a);
  memory.copy(po + a, pb, b);
  psa_unmap_invec(msg.handle, 1);
  psa_unmap_invec(msg.handle, 0);
  psa_unmap_outvec(msg.handle, 0, a + b);
  return <i32>(a + b);
}

// A vector larger than the window is not mapped (0) and psa_read still reads it.
function tooBig(msg: psa_msg_t): i32 {
  if (msg.in_size(0) <= MM_IOVEC_WINDOW) return -1;
  if (psa_map_invec(msg.handle, 0) != 0) return -2;
  return <i32>psa_read(msg.handle, 0, buf, 64);
}

function misuse(msg: psa_msg_t): i32 {
  const h = msg.handle;
  switch (msg.type) {
    case 10: psa_map_invec(h, 1); break; // input 1 has length zero
    case 11: psa_map_invec(h, 0); psa_map_invec(h, 0); break;
    case 12: psa_map_invec(h, 0); psa_read(h, 0, buf, 1); break;
    case 13: psa_read(h, 0, buf, 1); psa_map_invec(h, 0); break;
    case 14: psa_unmap_invec(h, 0); break;
    case 15: psa_map_invec(h, 0); psa_unmap_invec(h, 0); psa_unmap_invec(h, 0); break;
    case 16: psa_map_outvec(h, 0); psa_unmap_outvec(h, 0, <usize>msg.out_size(0) + 1); break;
    case 17: psa_map_outvec(h, 0); psa_write(h, 0, buf, 1); break;
    case 18: psa_map_invec(h, 4); break;
    case 19: psa_panic(); break;
  }
  return PSA_SUCCESS;
}

export function conf_mm_service_sfn(msg: psa_msg_t): i32 {
  switch (msg.type) {
    case 1: return reverse(msg);
    case 2: return concat(msg);
    case 3: return tooBig(msg);
    case 4: psa_map_outvec(msg.handle, 0); return PSA_SUCCESS; // left mapped: 0 bytes written
    default: return misuse(msg);
  }
}

// mm_iovec is not enabled for this service: mapping is a programmer error.
export function conf_mm_plain_sfn(msg: psa_msg_t): i32 {
  psa_map_invec(msg.handle, 0);
  return PSA_SUCCESS;
}
