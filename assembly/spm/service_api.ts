// The PSA service API as partitions reach it (their "psa" imports). The caller is always the
// running partition; buffers are offsets in its linear memory, client buffers were checked when
// the call was made. Every misuse panics the partition (FF-M PROGRAMMER ERROR).
import {
  PSA_BLOCK, PSA_DOORBELL, PSA_IPC_DISCONNECT, PSA_LIFECYCLE_UNKNOWN,
  PSA_MAX_IOVEC, PSA_MSG_SIZE,
} from "../psa/abi";
import { PSA_ERROR_PROGRAMMER_ERROR, PSA_SUCCESS } from "../psa/status";
import { answer, blockInWait, raiseSignals } from "./backend/index";
import { finishInitialising } from "./backend/ipc";
import { CONNECT_REPLY_RULE, validReply, writeMsg } from "./completion";
import { NO_CONNECTION, setConnectionRhandle } from "./connections";
import { partitionAddress } from "./memory";
import {
  IN_BASE, IN_DONE, IN_SIZE, M_ACTIVE, M_ORPHAN, NO_SLOT, OUT_BASE, OUT_DONE, OUT_SIZE, messageConnection,
  messageService, messageType, setMessageState, setVecField, slotOfHandle, vecField,
} from "./message";
import { OUTPUT, mapVector, unmapVector, wasMapped } from "./mm_iovec";
import { FLIH_RULE, partitionError } from "./verdict";
import { asserted, clearSignals, dequeue } from "./partitions";
import { platform_mem_copy } from "./platform";
import {
  NO_ROW, PARTITION_IPC, partitionFlags, partitionIrqSignals, partitionOfPid, partitionServiceSignals,
  servicePartition,
} from "./tables";
import { callerPartition, inFlih } from "./threads";
import { watchdogRest } from "./watchdog";

@inline function me(): u32 { return callerPartition(); }
@inline function isIpcModel(p: u32): bool { return (partitionFlags(p) & PARTITION_IPC) != 0; }

export function wait(mask: u32, timeout: u32): u32 {
  if (inFlih()) {
    partitionError("psa_wait", FLIH_RULE);
    return 0;
  }
  const p = me();
  const services = partitionServiceSignals(p);
  const own = services | partitionIrqSignals(p) | PSA_DOORBELL;
  if ((mask & own) == 0) {
    partitionError("psa_wait", "signal_mask names none of the partition's signals");
    return 0;
  }
  if (!isIpcModel(p) && (mask & services) != 0) {
    partitionError("psa_wait", "an SFN partition cannot wait for its service signals");
    return 0;
  }
  // FF-M: an IPC partition has finished initialising when it first waits. (An SFN partition
  // has finished when entry_init returns, even if entry_init waits for its doorbell.)
  if (isIpcModel(p)) finishInitialising(p);
  // A thread that waits with PSA_BLOCK has handed the CPU back, whether or not it must block.
  if (timeout & PSA_BLOCK) watchdogRest(p);
  const ready = asserted(p) & mask;
  // FF-M 1.1 psa_wait: bits 30:0 of timeout are reserved, to be ignored; only PSA_BLOCK decides.
  if (ready != 0 || (timeout & PSA_BLOCK) == 0) return ready;
  // Only the partition's own signals: the SPM's bookkeeping bits (SFN_IDLE) never leak in.
  return blockInWait(p, mask & own, (mask & partitionIrqSignals(p)) != 0);
}

export function get(signal: u32, msg: u32): i32 {
  const p = me();
  if (!isIpcModel(p)) {
    partitionError("psa_get", "an SFN partition receives messages as SFN calls");
    return PSA_ERROR_PROGRAMMER_ERROR;
  }
  if (signal == 0 || (signal & (signal - 1)) != 0 || (signal & partitionServiceSignals(p)) == 0) {
    partitionError("psa_get", "signal is not exactly one of the partition's service signals");
    return PSA_ERROR_PROGRAMMER_ERROR;
  }
  if ((asserted(p) & signal) == 0) {
    partitionError("psa_get", "the signal is not asserted");
    return PSA_ERROR_PROGRAMMER_ERROR;
  }
  const dst = partitionAddress(p, msg, PSA_MSG_SIZE);
  if (dst == 0) {
    partitionError("psa_get", "msg is NULL or outside the partition's memory");
    return PSA_ERROR_PROGRAMMER_ERROR;
  }
  const slot = dequeue(p, signal);
  setMessageState(slot, M_ACTIVE);
  writeMsg(slot, dst);
  return PSA_SUCCESS;
}

// The message msg_handle names, when the running partition is serving it; else it is panicked.
function served(handle: i32, api: string): u32 {
  let slot = slotOfHandle(handle, M_ACTIVE);
  if (slot == NO_SLOT) slot = slotOfHandle(handle, M_ORPHAN);
  if (slot == NO_SLOT || servicePartition(messageService(slot)) != me()) {
    partitionError(api, "msg_handle does not name a message the partition is serving");
    return NO_SLOT;
  }
  return slot;
}

// psa_read/psa_skip/psa_write work on PSA_IPC_CALL (and user type) messages only.
function servedCall(handle: i32, idx: u32, api: string, why: string): u32 {
  const slot = served(handle, api);
  if (slot == NO_SLOT) return slot;
  if (messageType(slot) < 0) {
    partitionError(api, "the message is a CONNECT or DISCONNECT message, which has no vectors");
    return NO_SLOT;
  }
  if (idx >= PSA_MAX_IOVEC) {
    partitionError(api, why);
    return NO_SLOT;
  }
  return slot;
}

export function setRhandle(handle: i32, rhandle: u32): void {
  const slot = served(handle, "psa_set_rhandle");
  if (slot == NO_SLOT) return;
  const c = messageConnection(slot);
  if (c == NO_CONNECTION) {
    partitionError("psa_set_rhandle", "the message belongs to a stateless service, which has no connection");
    return;
  }
  setConnectionRhandle(c, rhandle);
}

// Moves up to n bytes of input vector idx, from its read cursor, into the partition's buffer (or
// nowhere for psa_skip). Returns the bytes moved.
function consume(handle: i32, idx: u32, buffer: u32, n: u32, api: string, copy: bool): u32 {
  const slot = servedCall(handle, idx, api, "invec_idx is not below PSA_MAX_IOVEC");
  if (slot == NO_SLOT) return 0;
  if (wasMapped(slot, idx)) {
    partitionError(api, "the input vector has been mapped with psa_map_invec");
    return 0;
  }
  const size = vecField(slot, IN_SIZE, idx);
  const done = vecField(slot, IN_DONE, idx);
  const k = min(n, size - done);
  if (copy && k != 0) {
    const dst = partitionAddress(me(), buffer, k);
    if (dst == 0) {
      partitionError(api, "buffer is NULL or outside the partition's memory");
      return 0;
    }
    platform_mem_copy(dst, vecField(slot, IN_BASE, idx) + done, k);
  }
  setVecField(slot, IN_DONE, idx, done + k);
  return k;
}

export function read(handle: i32, idx: u32, buffer: u32, n: u32): u32 {
  return consume(handle, idx, buffer, n, "psa_read", true);
}

export function skip(handle: i32, idx: u32, n: u32): u32 {
  return consume(handle, idx, 0, n, "psa_skip", false);
}

export function write(handle: i32, idx: u32, buffer: u32, n: u32): void {
  const slot = servedCall(handle, idx, "psa_write", "outvec_idx is not below PSA_MAX_IOVEC");
  if (slot == NO_SLOT) return;
  if (wasMapped(slot, OUTPUT + idx)) {
    partitionError("psa_write", "the output vector has been mapped with psa_map_outvec");
    return;
  }
  const size = vecField(slot, OUT_SIZE, idx);
  const done = vecField(slot, OUT_DONE, idx);
  if (n > size - done) {
    partitionError("psa_write", "more bytes than are left in the output vector");
    return;
  }
  if (n == 0) return;
  const src = partitionAddress(me(), buffer, n);
  if (src == 0) {
    partitionError("psa_write", "buffer is NULL or outside the partition's memory");
    return;
  }
  platform_mem_copy(vecField(slot, OUT_BASE, idx) + done, src, n);
  setVecField(slot, OUT_DONE, idx, done + n);
}

export function mapInvec(handle: i32, idx: u32, window: u32, windowSize: u32): u32 {
  const slot = servedCall(handle, idx, "psa_map_invec", "invec_idx is not below PSA_MAX_IOVEC");
  return mapVector(slot, idx, window, windowSize, "psa_map_invec");
}

export function unmapInvec(handle: i32, idx: u32): void {
  const slot = servedCall(handle, idx, "psa_unmap_invec", "invec_idx is not below PSA_MAX_IOVEC");
  unmapVector(slot, idx, 0, "psa_unmap_invec");
}

export function mapOutvec(handle: i32, idx: u32, window: u32, windowSize: u32): u32 {
  const slot = servedCall(handle, idx, "psa_map_outvec", "outvec_idx is not below PSA_MAX_IOVEC");
  return mapVector(slot, OUTPUT + idx, window, windowSize, "psa_map_outvec");
}

export function unmapOutvec(handle: i32, idx: u32, len: u32): void {
  const slot = servedCall(handle, idx, "psa_unmap_outvec", "outvec_idx is not below PSA_MAX_IOVEC");
  unmapVector(slot, OUTPUT + idx, len, "psa_unmap_outvec");
}

export function reply(handle: i32, status: i32): void {
  if (!isIpcModel(me())) {
    partitionError("psa_reply", "an SFN partition replies by returning from its SFN");
    return;
  }
  const slot = served(handle, "psa_reply");
  if (slot == NO_SLOT) return;
  const type = messageType(slot);
  if (!validReply(type, status)) {
    partitionError("psa_reply", CONNECT_REPLY_RULE);
    return;
  }
  answer(slot, type == PSA_IPC_DISCONNECT ? PSA_SUCCESS : status);
}

export function notify(pid: i32): void {
  const target = partitionOfPid(pid);
  if (target == NO_ROW) {
    partitionError("psa_notify", "partition_id names no partition");
    return;
  }
  raiseSignals(target, PSA_DOORBELL);
}

export function clear(): void {
  const p = me();
  if ((asserted(p) & PSA_DOORBELL) == 0) {
    partitionError("psa_clear", "the doorbell signal is not asserted");
    return;
  }
  clearSignals(p, PSA_DOORBELL);
}

export function panic(): void {
  partitionError("psa_panic", "called by the partition");
}

// bulkhead does not model a device lifecycle yet; FF-M's value for that is UNKNOWN.
export function lifecycleState(): u32 {
  return PSA_LIFECYCLE_UNKNOWN;
}
