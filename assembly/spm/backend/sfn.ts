// SFN backend: one execution context. Delivering a message is a direct call of the service's
// SFN in the caller's context; its return value is the reply. A partition initialises by a
// direct call of its entry_init.
import { PSA_MSG_SLOT } from "../../psa/abi";
import { PSA_ERROR_CONNECTION_REFUSED, PSA_SUCCESS } from "../../psa/status";
import { CONNECT_REPLY_RULE, validReply, writeMsg } from "../completion";
import { partitionMsgSlot } from "../memory";
import { M_ACTIVE, messageService, messageType, setMessageState } from "../message";
import { P_INITIALISING, P_SERVING, isDown, setPartitionState } from "../partitions";
import { platform_partition_init, platform_sfn_call } from "../platform_sfn";
import { servicePartition } from "../tables";
import { condemn } from "../verdict";
import { watchdogRest } from "../watchdog";
import { T_BLOCKED, T_READY, enterThread, setThreadState, threadOf, threadState } from "../threads";

// Partition p can take a call now: its code is not already on the (single) call stack. Entering
// it again would re-enter a service that is mid-call, which an IPC system would deadlock on.
export function canEnter(p: u32): bool {
  return threadState(threadOf(p)) == T_READY;
}

// Runs the SFN for message `slot` and returns the service's status (the message stays ACTIVE:
// the caller turns the status into the client's result).
export function runSfn(slot: u32): i32 {
  const s = messageService(slot);
  const p = servicePartition(s);
  const t = threadOf(p);
  setMessageState(slot, M_ACTIVE);
  writeMsg(slot, partitionMsgSlot(p));
  setThreadState(t, T_BLOCKED);
  const previous = enterThread(t);
  let status = platform_sfn_call(s, PSA_MSG_SLOT);
  enterThread(previous);
  watchdogRest(p);
  // A partition that panicked during the call left the message unanswered.
  if (isDown(p)) return PSA_ERROR_CONNECTION_REFUSED;
  setThreadState(t, T_READY);
  if (!validReply(messageType(slot), status)) {
    condemn(p, "SFN", CONNECT_REPLY_RULE);
    return PSA_ERROR_CONNECTION_REFUSED;
  }
  return status;
}

// Partition p runs its entry_init (at boot, or when it is restarted) and serves.
export function initSfnPartition(p: u32): void {
  const t = threadOf(p);
  setPartitionState(p, P_INITIALISING);
  setThreadState(t, T_BLOCKED);
  const previous = enterThread(t);
  const status = platform_partition_init(p);
  watchdogRest(p);
  enterThread(previous);
  if (isDown(p)) return;
  if (status != PSA_SUCCESS) {
    condemn(p, "entry_init", "returned an error status");
    return;
  }
  setPartitionState(p, P_SERVING);
  setThreadState(t, T_READY);
}
