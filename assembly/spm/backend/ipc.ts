// IPC backend: the SPM and every partition have their own thread. A message is queued at the
// service's partition and its signal asserted; the client blocks until psa_reply wakes it. The
// SPM itself never blocks: it marks threads and asks the platform to switch.
import { M_QUEUED, setMessageState } from "../message";
import { SFN_IDLE, asserted, enqueue, setWaitingFor, waitingFor } from "../partitions";
import { NO_ROW } from "../tables";
import { T_BLOCKED, currentThread, isNsAgent, partitionOfThread, schedule, setThreadState, threadOf, threadState, wake } from "../threads";
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
  schedule();
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
