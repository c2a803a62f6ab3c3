// The PSA client API, for NS callers (through the veneers, as the NS agent thread) and for
// secure partitions (their "psa" imports). Every misuse is a PROGRAMMER ERROR: an NS caller gets
// the status back, a secure caller is panicked.
import {
  CALL_IN_LEN_SHIFT, CALL_LEN_MASK, CALL_OUT_LEN_SHIFT, CALL_TYPE_MASK, IOVEC_SIZE,
  PSA_IPC_CONNECT, PSA_IPC_DISCONNECT, PSA_MAX_IOVEC, PSA_NULL_HANDLE, PSA_VERSION_NONE,
} from "../psa/abi";
import { PSA_ERROR_CONNECTION_BUSY, PSA_ERROR_CONNECTION_REFUSED } from "../psa/status";
import { canTake, deliver } from "./backend/index";
import {
  C_BUSY, C_DROPPED, C_IDLE, C_STALE, NO_CONNECTION, closeConnection, connectionOf, connectionService,
  connectionState, letGo, openConnection, setConnectionState,
} from "./connections";
import { partitionAddress, spmAddress } from "./memory";
import { IN_BASE, IN_SIZE, OUT_BASE, OUT_SIZE, openMessage, setMessageOutArray, setVecField } from "./message";
import { FLIH_RULE, clientError } from "./verdict";
import { acceptsMessages } from "./partitions";
import { restartIfDue } from "./restart";
import { platform_mem_copy, platform_ns_access_ok } from "./platform";
import {
  NO_ROW, SERVICE_NS, SERVICE_STATELESS, dependsOn, findService, partitionPid, serviceFlags, servicePartition,
  serviceVersion, statelessService, versionAccepted,
} from "./tables";
import { currentThread, inFlih, isNsAgent, partitionOfThread } from "./threads";
import { nsClientId, nsMayCall } from "../nsce/contexts";

// The caller's psa_invec/psa_outvec arrays are copied here before use, so the caller cannot
// change a descriptor between the check and the use.
const IOVEC_SCRATCH = memory.data(<i32>(PSA_MAX_IOVEC * IOVEC_SIZE));

@inline
function clientId(t: u32): i32 {
  return isNsAgent(t) ? nsClientId(t) : partitionPid(partitionOfThread(t));
}

// May thread t use service s? NS callers: services with non_secure_clients. Secure callers: the
// services their manifest lists under dependencies.
function mayUse(t: u32, s: u32): bool {
  return isNsAgent(t) ? (serviceFlags(s) & SERVICE_NS) != 0 : dependsOn(partitionOfThread(t), s);
}

const NO_CONTEXT_RULE = "NSCE is in use and no context is loaded (save_ctx without a load_ctx since)";

export function version(sid: u32): u32 {
  const s = findService(sid);
  const t = currentThread();
  if (s == NO_ROW || !nsMayCall(t) || !mayUse(t, s)) return PSA_VERSION_NONE;
  return serviceVersion(s);
}

// The service's partition can take a message: initialised and alive. A message is never
// delivered to a partition that has not finished initialising (OP-TEE SPMC bug list).
@inline
function serving(s: u32): bool {
  return acceptsMessages(servicePartition(s));
}

// A client calling its own partition would wait for itself.
@inline
function callsItself(t: u32, s: u32): bool {
  return !isNsAgent(t) && servicePartition(s) == partitionOfThread(t);
}

// FF-M 1.1 and TF-M: a psa_connect to a service the caller cannot have (none has the SID, the
// caller may not use it, the version policy rejects it) is a programmer error for which an NS
// caller gets PSA_ERROR_CONNECTION_REFUSED; a secure caller is panicked.
function refused(why: string): i32 {
  clientError("psa_connect", why);
  return PSA_ERROR_CONNECTION_REFUSED;
}

export function connect(sid: u32, requested: u32): i32 {
  if (inFlih()) return clientError("psa_connect", FLIH_RULE);
  const t = currentThread();
  if (!nsMayCall(t)) return clientError("psa_connect", NO_CONTEXT_RULE);
  const s = findService(sid);
  if (s == NO_ROW) return refused("no service has this SID");
  if (serviceFlags(s) & SERVICE_STATELESS) return clientError("psa_connect", "the service is stateless");
  if (!mayUse(t, s)) return refused("the caller may not use this service");
  if (!versionAccepted(s, requested)) return refused("the version policy rejects the requested version");
  if (callsItself(t, s)) return clientError("psa_connect", "a partition cannot connect to its own service");
  restartIfDue(s);
  if (!serving(s)) return PSA_ERROR_CONNECTION_REFUSED;
  if (!canTake(s)) return clientError("psa_connect", "the service's partition is already in this call chain");
  const c = openConnection(s, t, clientId(t));
  if (c == NO_CONNECTION) return PSA_ERROR_CONNECTION_BUSY;
  openMessage(t, PSA_IPC_CONNECT, clientId(t), s, c, 0, 0);
  return deliver(t);
}

const BAD_VECTORS: u32 = 0xffffffff;

// Copies count descriptors from the caller's array at `vecs` into message t's base/size fields,
// checking the array and every buffer it names. Returns the array's system address (0 when count
// is 0), or BAD_VECTORS when any of it is memory the caller may not access that way.
function takeVectors(t: u32, vecs: u32, count: u32, write: bool, baseField: u32, sizeField: u32): u32 {
  if (count == 0) return 0;
  const bytes = count * IOVEC_SIZE;
  const ns = isNsAgent(t);
  const p = partitionOfThread(t);
  // An outvec array is written back (its len fields), so it must be writable too.
  const array = ns ? (platform_ns_access_ok(vecs, bytes, write) ? vecs : 0) : partitionAddress(p, vecs, bytes);
  if (array == 0) return BAD_VECTORS;
  platform_mem_copy(spmAddress(IOVEC_SCRATCH), array, bytes);
  for (let i: u32 = 0; i < count; i++) {
    let base = load<u32>(IOVEC_SCRATCH + (<usize>i << 3));
    const len = load<u32>(IOVEC_SCRATCH + (<usize>i << 3), 4);
    if (len != 0) {
      if (ns) {
        if (!platform_ns_access_ok(base, len, write)) return BAD_VECTORS;
      } else {
        base = partitionAddress(p, base, len);
        if (base == 0) return BAD_VECTORS;
      }
    }
    setVecField(t, baseField, i, base);
    setVecField(t, sizeField, i, len);
  }
  return array;
}

// ctrl is TF-M's packed word: type in bits 0..15 (signed), out_len in 16..23, in_len in 24..31.
export function call(handle: i32, ctrl: u32, inVec: u32, outVec: u32): i32 {
  if (inFlih()) return clientError("psa_call", FLIH_RULE);
  const t = currentThread();
  if (!nsMayCall(t)) return clientError("psa_call", NO_CONTEXT_RULE);
  const type = <i32>(<i16>(ctrl & CALL_TYPE_MASK));
  const inLen = (ctrl >> CALL_IN_LEN_SHIFT) & CALL_LEN_MASK;
  const outLen = (ctrl >> CALL_OUT_LEN_SHIFT) & CALL_LEN_MASK;
  if (type < 0) return clientError("psa_call", "type is negative");
  if (inLen + outLen > PSA_MAX_IOVEC) return clientError("psa_call", "more than PSA_MAX_IOVEC vectors");

  let s = statelessService(handle);
  let c = NO_CONNECTION;
  if (s != NO_ROW) {
    if (!mayUse(t, s)) return clientError("psa_call", "the caller may not use this service");
    restartIfDue(s);
  } else {
    c = connectionOf(handle, t);
    if (c == NO_CONNECTION) return clientError("psa_call", "the handle is not a connection of the caller");
    restartIfDue(connectionService(c));
    const state = connectionState(c);
    // Made before its partition was restarted: the service that knew it is gone.
    if (state == C_STALE) return PSA_ERROR_CONNECTION_REFUSED;
    if (state == C_DROPPED) return clientError("psa_call", "the connection was dropped after a PROGRAMMER_ERROR reply");
    if (state != C_IDLE) return clientError("psa_call", "the connection already has a message in flight");
    s = connectionService(c);
  }
  if (callsItself(t, s)) return clientError("psa_call", "a partition cannot call its own service");
  if (!serving(s)) return PSA_ERROR_CONNECTION_REFUSED;
  if (!canTake(s)) return clientError("psa_call", "the service's partition is already in this call chain");

  openMessage(t, type, clientId(t), s, c, inLen, outLen);
  if (takeVectors(t, inVec, inLen, false, IN_BASE, IN_SIZE) == BAD_VECTORS) return clientError("psa_call", "an input vector is memory the caller may not read");
  const outArray = takeVectors(t, outVec, outLen, true, OUT_BASE, OUT_SIZE);
  if (outArray == BAD_VECTORS) return clientError("psa_call", "an output vector is memory the caller may not write");
  setMessageOutArray(t, outArray);
  if (c != NO_CONNECTION) setConnectionState(c, C_BUSY);
  return deliver(t);
}

export function close(handle: i32): void {
  if (inFlih()) {
    clientError("psa_close", FLIH_RULE);
    return;
  }
  if (handle == PSA_NULL_HANDLE) return;
  const t = currentThread();
  if (!nsMayCall(t)) {
    clientError("psa_close", NO_CONTEXT_RULE);
    return;
  }
  if (statelessService(handle) != NO_ROW) {
    clientError("psa_close", "a stateless handle cannot be closed");
    return;
  }
  const c = connectionOf(handle, t);
  if (c == NO_CONNECTION) {
    clientError("psa_close", "the handle is not a connection of the caller");
    return;
  }
  const state = connectionState(c);
  if (state == C_BUSY) {
    clientError("psa_close", "the connection has a message in flight");
    return;
  }
  // The SPM told the service when it dropped the connection: only the handle is left to free.
  if (state == C_DROPPED) {
    letGo(c);
    return;
  }
  if (state == C_STALE) {
    closeConnection(c);
    return;
  }
  const s = connectionService(c);
  // One whose partition died has no one to tell.
  if (!serving(s)) {
    closeConnection(c);
    return;
  }
  if (!canTake(s)) {
    clientError("psa_close", "the service's partition is already in this call chain");
    return;
  }
  setConnectionState(c, C_BUSY);
  openMessage(t, PSA_IPC_DISCONNECT, clientId(t), s, c, 0, 0);
  deliver(t);
}
