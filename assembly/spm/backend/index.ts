// The seam between the PSA API (frontend) and how a message travels (backend). The build picks
// the backend (SPM_BACKEND_IPC is a compile-time constant), so the other one is not in the image.
import { SPM_BACKEND_IPC } from "bulkhead/spm_tables";
import { PSA_ERROR_PROGRAMMER_ERROR } from "../../psa/status";
import { finish } from "../completion";
import { answered, sendPending, sendWaiting } from "../disconnect";
import { M_ORPHAN, isSpmSlot, messageService, messageState, messageType } from "../message";
import { panicPartition } from "../panic";
import { servicePartition } from "../tables";
import { isNsAgent, partitionOfThread, schedule, wake } from "../threads";
import { assertSignals } from "../partitions";
import { queueMessage, wakeIfWaiting } from "./ipc";
import { canEnter, runSfn } from "./sfn";

// SFN backend: a partition already on the call stack cannot take another message.
export function canTake(s: u32): bool {
  return SPM_BACKEND_IPC || canEnter(servicePartition(s));
}

// Asserts signals of partition p (a doorbell, an interrupt). IPC: p wakes if it waits for one
// and may preempt the running thread; SFN: p sees them at its next psa_wait.
export function raiseSignals(p: u32, signals: u32): void {
  assertSignals(p, signals);
  if (SPM_BACKEND_IPC) {
    wakeIfWaiting(p);
    schedule();
  }
}

// Sends client `slot`'s message. SFN: returns the client's result. IPC: the client blocks and
// the result reaches it when the service replies (the return value is not used).
export function deliver(slot: u32): i32 {
  if (SPM_BACKEND_IPC) {
    queueMessage(slot, servicePartition(messageService(slot)));
    return 0;
  }
  const type = messageType(slot);
  const status = runSfn(slot);
  const result = finish(slot, status);
  sendWaiting(slot);
  blameClient(slot, type, status);
  return result;
}

// psa_reply (IPC), or an SFN partition's thread returning from its SFN (IPC backend).
export function answer(slot: u32, status: i32): void {
  if (isSpmSlot(slot)) {
    const p = servicePartition(messageService(slot));
    answered(slot);
    sendPending(p);
    schedule();
    return;
  }
  const orphan = messageState(slot) == M_ORPHAN;
  const type = messageType(slot);
  const result = finish(slot, status);
  if (orphan) return;
  if (!blameClient(slot, type, status)) wake(slot, <u32>result);
  schedule();
}

// FF-M: a service answering a call with PSA_ERROR_PROGRAMMER_ERROR says the client misused it.
// An NS client gets the status; a secure client is panicked. True when the client was panicked.
function blameClient(slot: u32, type: i32, status: i32): bool {
  if (type < 0 || status != PSA_ERROR_PROGRAMMER_ERROR || isNsAgent(slot)) return false;
  panicPartition(partitionOfThread(slot), "psa_call", "the service answered PSA_ERROR_PROGRAMMER_ERROR");
  return true;
}
