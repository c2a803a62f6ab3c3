// The seam between the PSA API (frontend) and how a message travels (backend). The build picks
// the backend (SPM_BACKEND_IPC is a compile-time constant), so the other one is not in the image.
// Everything above this file is the same for both backends.
import { PARTITION_COUNT, SPM_BACKEND_IPC } from "bulkhead/spm_tables";
import { PSA_ERROR_PROGRAMMER_ERROR } from "../../psa/status";
import { finish } from "../completion";
import { connectionService, NO_CONNECTION, pendingTellTo } from "../connections";
import { answered, openTell, tellsWaiting, toldAtOnce } from "../disconnect";
import { DUE_DISCONNECT, DUE_UNWIND, clearDue, setDue } from "../due";
import { M_FREE, M_ORPHAN, isSpmSlot, messageService, messageState, messageType, spmSlot } from "../message";
import {
  P_REINITIALISING, acceptsMessages, asserted, assertSignals, isDown, setPartitionState, setWaitingFor,
} from "../partitions";
import { platform_wait_for_interrupt } from "../platform_sfn";
import { bootPartition, servicePartition } from "../tables";
import { condemn } from "../verdict";
import { NS_AGENT, T_BLOCKED, T_READY, isNsAgent, partitionOfThread, setThreadState, threadOf, wake } from "../threads";
import { blockCurrent, postMessage, queueMessage, startNext, wakeIfWaiting } from "./ipc";
import { canEnter, initSfnPartition, runSfn } from "./sfn";

// Whether an NS caller's secure call can be left half-way (IPC: it blocks until the reply; SFN:
// it runs to its end before the NS side goes on).
export const CALLS_CAN_BLOCK: bool = SPM_BACKEND_IPC;
export const BACKEND_NAME = SPM_BACKEND_IPC ? "IPC" : "SFN";

// Boot: IPC starts the first partition's thread, and the NS agent waits until the last one has
// initialised; SFN runs each partition's entry_init in boot order.
export function startPartitions(): void {
  if (SPM_BACKEND_IPC) {
    setThreadState(NS_AGENT, T_BLOCKED);
    startNext();
    return;
  }
  for (let i: u32 = 0; i < PARTITION_COUNT; i++) initSfnPartition(bootPartition(i));
}

// A restart: IPC starts the partition's thread again at entry_point (messages wait in its queue
// until it first waits); SFN runs its entry_init before the call that restarted it goes on.
export function startPartition(p: u32): void {
  if (SPM_BACKEND_IPC) {
    setPartitionState(p, P_REINITIALISING);
    setThreadState(threadOf(p), T_READY);
  } else {
    initSfnPartition(p);
  }
}

// SFN backend: a partition already on the call stack cannot take another message.
export function canTake(s: u32): bool {
  return SPM_BACKEND_IPC || canEnter(servicePartition(s));
}

// Asserts signals of partition p (a doorbell, an interrupt). IPC: p wakes if it waits for one
// and may preempt the running thread; SFN: p sees them at its next psa_wait.
export function raiseSignals(p: u32, signals: u32): void {
  assertSignals(p, signals);
  if (SPM_BACKEND_IPC) wakeIfWaiting(p);
}

// psa_wait with PSA_BLOCK and nothing asserted yet: partition p waits for `mask` (its own
// signals). IPC: its thread blocks, and whoever asserts one wakes it with the signals. SFN: the
// only context waits here for an interrupt (or an SFN it runs) to assert one; `interrupts` says
// whether the mask names any, else nothing ever could and p is panicked. Returns the signals (SFN).
export function blockInWait(p: u32, mask: u32, interrupts: bool): u32 {
  if (SPM_BACKEND_IPC) {
    setWaitingFor(p, mask);
    blockCurrent();
    return 0;
  }
  if (!interrupts) {
    condemn(p, "psa_wait", "PSA_BLOCK with nothing asserted would block the SFN backend's only context");
    return 0;
  }
  while ((asserted(p) & mask) == 0 && !isDown(p)) platform_wait_for_interrupt();
  // Its FLIH may have been panicked meanwhile: then the SFN waiting here is left too, when this
  // SPM entry ends (settle.ts leaves the call of a partition that is down).
  if (isDown(p)) setDue(DUE_UNWIND);
  return asserted(p) & mask;
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
  // Disconnects that waited for the service to leave the call stack go when this entry ends.
  blameClient(slot, type, status);
  return result;
}

// psa_reply (IPC), or an SFN partition's thread returning from its SFN (IPC backend).
export function answer(slot: u32, status: i32): void {
  if (isSpmSlot(slot)) {
    answered(slot);
    sendPending(servicePartition(messageService(slot)));
    return;
  }
  const orphan = messageState(slot) == M_ORPHAN;
  const type = messageType(slot);
  const result = finish(slot, status);
  if (orphan) return;
  if (!blameClient(slot, type, status)) wake(slot, <u32>result);
}

// FF-M: a service answering a call with PSA_ERROR_PROGRAMMER_ERROR says the client misused it.
// An NS client gets the status; a secure client is panicked. True when the client was condemned.
function blameClient(slot: u32, type: i32, status: i32): bool {
  if (type < 0 || status != PSA_ERROR_PROGRAMMER_ERROR || isNsAgent(slot)) return false;
  condemn(partitionOfThread(slot), "psa_call", "the service answered PSA_ERROR_PROGRAMMER_ERROR");
  return true;
}

// Sends partition p's waiting disconnects while its SPM slot is free and it can take a message.
// IPC: one is queued and the slot stays busy until p replies. SFN: each runs to its end here.
// A partition that is not serving (dead) has no one to tell: the connections are told at once.
export function sendPending(p: u32): void {
  const slot = spmSlot(p);
  for (let c = pendingTellTo(p); c != NO_CONNECTION; c = pendingTellTo(p)) {
    if (!acceptsMessages(p)) {
      toldAtOnce(c);
      continue;
    }
    if (messageState(slot) != M_FREE || !canTake(connectionService(c))) return;
    openTell(c, slot);
    if (SPM_BACKEND_IPC) {
      postMessage(slot, p);
      return;
    }
    runSfn(slot);
    answered(slot);
  }
}

// The end of an SPM entry: every partition's waiting disconnects that can go now go.
export function sendAllPending(): void {
  for (let p: u32 = 0; p < PARTITION_COUNT && tellsWaiting() != 0; p++) sendPending(p);
  if (tellsWaiting() == 0) clearDue(DUE_DISCONNECT);
}
