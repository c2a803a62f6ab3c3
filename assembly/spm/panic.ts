// Fault containment. A partition that panics (psa_panic, an FF-M programmer error, a Wasm trap,
// a fault) is dead from then on; its clients get PSA_ERROR_CONNECTION_REFUSED, the SPM and every
// other partition go on. TF-M resets the whole system instead.
import { PARTITION_NAMES, SPM_BACKEND_IPC } from "bulkhead/spm_tables";
import { PSA_ERROR_CONNECTION_REFUSED, PSA_ERROR_PROGRAMMER_ERROR } from "../psa/status";
import { finish } from "./completion";
import { answered, releaseConnectionsOf, sendPending } from "./disconnect";
import { print, printPartition } from "./console";
import { M_ACTIVE, M_ORPHAN, M_QUEUED, SLOT_COUNT, isSpmSlot, messageService, messageState, setMessageState } from "./message";
import { P_DEAD, P_INITIALISING, isDown, partitionState, setPartitionState, unlink } from "./partitions";
import { mayRestart } from "./restart";
import { startNext } from "./boot";
import { disableIrqsOf } from "./irq";
import { platform_abort_partition } from "./platform";
import { partitionPid, servicePartition } from "./tables";
import {
  T_DEAD, callerPartition, currentThread, inFlih, isNsAgent, schedule, setThreadState, threadOf, wake,
} from "./threads";

export function panicPartition(p: u32, what: string, detail: string): void {
  if (isDown(p)) return;
  printPartition(PARTITION_NAMES[p], partitionPid(p));
  print(" panicked: ");
  print(what);
  if (detail.length > 0) {
    print(": ");
    print(detail);
  }
  print("\n");

  const t = threadOf(p);
  const wasRunning = callerPartition() == p;
  const wasInitialising = partitionState(p) == P_INITIALISING;
  setPartitionState(p, P_DEAD);
  setThreadState(t, T_DEAD);
  disableIrqsOf(p);

  withdrawClient(t);

  // IPC: messages queued at it or being served by it are answered now. (SFN: the one message it
  // was serving is answered by the call that entered it, when that call returns.)
  if (SPM_BACKEND_IPC) {
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
  // Disconnects still waiting for it have no one to go to.
  sendPending(p);
  mayRestart(p);
  if (SPM_BACKEND_IPC) {
    if (wasInitialising) startNext();
    schedule();
  }
  if (wasRunning) platform_abort_partition();
}

// Client t is gone (its partition died, or its NSCE context was released): its outstanding call
// is withdrawn if not taken yet, else the service's reply goes nowhere; its idle connections close.
export function withdrawClient(t: u32): void {
  const own = messageState(t);
  if (own == M_QUEUED) {
    const target = servicePartition(messageService(t));
    unlink(target, t);
    setMessageState(t, M_ORPHAN);
    finish(t, PSA_ERROR_CONNECTION_REFUSED);
  } else if (own == M_ACTIVE) {
    setMessageState(t, M_ORPHAN);
  }
  releaseConnectionsOf(t);
}

// The calling client broke an FF-M rule. An NS caller gets PSA_ERROR_PROGRAMMER_ERROR back; a
// secure caller is panicked (FF-M: the SPM does not return to it).
export function clientError(api: string, why: string): i32 {
  if (inFlih() || !isNsAgent(currentThread())) panicPartition(callerPartition(), api, why);
  return PSA_ERROR_PROGRAMMER_ERROR;
}

// A FLIH must not block or wait for another partition.
export const FLIH_RULE = "not allowed in a FLIH function, which runs in interrupt context";

// The running partition broke an FF-M rule in the service API: it is panicked.
export function partitionError(api: string, why: string): void {
  panicPartition(callerPartition(), api, why);
}

// wasm2c's trap codes (wasm-rt.h), which the host runner reports with the same numbers.
export function trapName(code: u32): string {
  switch (code) {
    case 1: return "out-of-bounds memory access";
    case 2: return "integer overflow";
    case 3: return "integer divide by zero";
    case 4: return "invalid conversion";
    case 5: return "unreachable executed";
    case 6: return "indirect call signature mismatch";
    case 8: return "call stack exhausted";
    default: return "unknown trap";
  }
}
