// The PSA client API as the SPM serves it to non-secure callers (through the NS veneers).
import {
  CALL_IN_LEN_SHIFT, CALL_LEN_MASK, CALL_OUT_LEN_SHIFT, CALL_TYPE_MASK, IOVEC_SIZE,
  NS_CLIENT_ID_DEFAULT, PSA_FRAMEWORK_VERSION, PSA_MAX_IOVEC, PSA_VERSION_NONE,
} from "../psa/abi";
import { PSA_ERROR_PROGRAMMER_ERROR } from "../psa/status";
import { deliver } from "./backend/sfn";
import { spmAddress } from "./memory";
import {
  IN_BASE, IN_SIZE, OUT_BASE, OUT_DONE, OUT_SIZE,
  popMessage, pushMessage, setVecField, vecField,
} from "./message";
import { platform_mem_copy, platform_ns_access_ok } from "./platform";
import {
  FLAG_NS_ALLOWED, NO_SERVICE, findService, serviceFlags, servicePartition, serviceVersion,
  statelessService,
} from "./services";

// The NS caller's psa_invec/psa_outvec arrays are copied here before use, so the caller cannot
// change a descriptor between the check and the use.
const IOVEC_SCRATCH = memory.data(<i32>(PSA_MAX_IOVEC * IOVEC_SIZE));

export function frameworkVersion(): u32 {
  return PSA_FRAMEWORK_VERSION;
}

export function versionForNs(sid: u32): u32 {
  const s = findService(sid);
  if (s == NO_SERVICE || (serviceFlags(s) & FLAG_NS_ALLOWED) == 0) return PSA_VERSION_NONE;
  return serviceVersion(s);
}

// Copies count descriptors from the NS array at vecs into the message's base/size fields, after
// checking the array and every buffer it names. False when any of it is not NS memory the caller
// may access that way.
function takeNsVectors(m: usize, vecs: u32, count: u32, write: bool, baseField: u32, sizeField: u32): bool {
  if (count == 0) return true;
  const bytes = count * IOVEC_SIZE;
  // An outvec array is written back (its len fields), so it must be writable too.
  if (!platform_ns_access_ok(vecs, bytes, write)) return false;
  platform_mem_copy(spmAddress(IOVEC_SCRATCH), vecs, bytes);
  for (let i: u32 = 0; i < count; i++) {
    const base = load<u32>(IOVEC_SCRATCH + (<usize>i << 3));
    const len = load<u32>(IOVEC_SCRATCH + (<usize>i << 3), 4);
    if (len != 0 && !platform_ns_access_ok(base, len, write)) return false;
    setVecField(m, baseField, i, base);
    setVecField(m, sizeField, i, len);
  }
  return true;
}

// psa_call from NS. ctrl is TF-M's packed word: type in bits 0..15 (signed), out_len in 16..23,
// in_len in 24..31. Every misuse is a PROGRAMMER ERROR, which an NS caller receives as a status.
export function callFromNs(handle: i32, ctrl: u32, inVec: u32, outVec: u32): i32 {
  const type = <i32>(<i16>(ctrl & CALL_TYPE_MASK));
  const inLen = (ctrl >> CALL_IN_LEN_SHIFT) & CALL_LEN_MASK;
  const outLen = (ctrl >> CALL_OUT_LEN_SHIFT) & CALL_LEN_MASK;
  if (type < 0 || inLen + outLen > PSA_MAX_IOVEC) return PSA_ERROR_PROGRAMMER_ERROR;

  const s = statelessService(handle);
  if (s == NO_SERVICE || (serviceFlags(s) & FLAG_NS_ALLOWED) == 0) return PSA_ERROR_PROGRAMMER_ERROR;

  const m = pushMessage(servicePartition(s), type, NS_CLIENT_ID_DEFAULT);
  if (m == 0) return PSA_ERROR_PROGRAMMER_ERROR;
  if (!takeNsVectors(m, inVec, inLen, false, IN_BASE, IN_SIZE) ||
      !takeNsVectors(m, outVec, outLen, true, OUT_BASE, OUT_SIZE)) {
    popMessage();
    return PSA_ERROR_PROGRAMMER_ERROR;
  }

  const status = deliver(m, s);

  // FF-M: each psa_outvec.len now tells how many bytes the service wrote.
  for (let i: u32 = 0; i < outLen; i++) {
    store<u32>(IOVEC_SCRATCH, vecField(m, OUT_DONE, i));
    platform_mem_copy(outVec + i * IOVEC_SIZE + 4, spmAddress(IOVEC_SCRATCH), 4);
  }
  popMessage();
  return status;
}
