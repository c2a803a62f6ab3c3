// IPC backend: the SPM and every partition have their own thread. A message is queued at the
// service's partition and its signal asserted; the client blocks until psa_reply wakes it. The
// SPM itself never blocks: it marks threads, and the SPM entry that changed them asks the
// platform to switch when it ends (settle.ts). Partitions start one at a time, in boot order.
import { PARTITION_COUNT, SPM_BACKEND_IPC } from "bulkhead/spm_tables";
import { PSA_ERROR_CONNECTION_REFUSED } from "../../psa/status";
import { finish } from "../completion";
import { answered } from "../disconnect";
import { M_ACTIVE, M_ORPHAN, M_QUEUED, SLOT_COUNT, isSpmSlot, messageService, messageState, setMessageState } from "../message";
import {
  P_INITIALISING, P_REINITIALISING, P_SERVING, SFN_IDLE, asserted, enqueue, partitionState, setPartitionState, setWaitingFor,
  unlink, waitingFor,
} from "../partitions";
import { NO_ROW, bootPartition, servicePartition } from "../tables";
import {
  NS_AGENT, T_BLOCKED, T_READY, currentThread, isNsAgent, partitionOfThread, setThreadState, threadOf, threadState, wake,
} from "../threads";
import { watchdogRest } from "../watchdog";

export function queueMessage(slot: u32, p: u32): void {
  postMessage(slot, p);
  blockCurrent();
}

// Queues message `slot` at partition p without blocking anyone (the SPM's own messages).
export function postMessage(slot: u32, p: u32): void {
  setMessageState(slot, M_QUEUED);
  enqueue(p, slot);
  wakeIfWaiting(p);
}

// The running thread waits; whoever wakes it supplies its SPM call's return value.
export function blockCurrent(): void {
  const t = currentThread();
  setThreadState(t, T_BLOCKED);
  if (!isNsAgent(t)) watchdogRest(partitionOfThread(t));
}

// Partition p blocked in psa_wait (or, for an SFN partition, idle between messages) wakes when
// a signal it waits for is asserted.
export function wakeIfWaiting(p: u32): void {
  const mask = waitingFor(p);
  const t = threadOf(p);
  if (mask == 0 || threadState(t) != T_BLOCKED) return;
  const ready = asserted(p) & mask;
  if (ready == 0) return;
  setWaitingFor(p, 0);
  wake(t, mask & SFN_IDLE ? NO_ROW : ready);
}

let nextToBoot: u32 = 0;

// The next partition's thread starts; after the last one the NS agent goes on. (The SFN backend
// initialises every partition in one go, and has no chain.)
export function startNext(): void {
  if (!SPM_BACKEND_IPC) return;
  if (nextToBoot == PARTITION_COUNT) {
    wake(NS_AGENT, 0);
    return;
  }
  const p = bootPartition(nextToBoot++);
  setPartitionState(p, P_INITIALISING);
  setThreadState(threadOf(p), T_READY);
}

// Partition p is ready for messages (an IPC partition's first psa_wait; an SFN partition's
// entry_init returned in its thread): the next one starts.
export function finishInitialising(p: u32): void {
  // A restarted partition is not part of the boot chain.
  if (partitionState(p) == P_REINITIALISING) {
    setPartitionState(p, P_SERVING);
    return;
  }
  if (partitionState(p) != P_INITIALISING) return;
  setPartitionState(p, P_SERVING);
  startNext();
}

// Dead partition p's messages, queued at it or being served by it, are answered
// CONNECTION_REFUSED (its own client message, slot t, was withdrawn already). Under the SFN
// backend the one message it was serving is answered by the call that entered it.
export function failMessagesAt(p: u32, t: u32): void {
  if (!SPM_BACKEND_IPC) return;
  for (let slot: u32 = 0; slot < SLOT_COUNT; slot++) {
    const state = messageState(slot);
    if (slot == t || (state != M_QUEUED && state != M_ACTIVE && state != M_ORPHAN)) continue;
    if (servicePartition(messageService(slot)) != p) continue;
    if (state == M_QUEUED) unlink(p, slot);
    if (isSpmSlot(slot)) {
      answered(slot);
      continue;
    }
    const result = finish(slot, PSA_ERROR_CONNECTION_REFUSED);
    if (state != M_ORPHAN) wake(slot, <u32>result);
  }
}
