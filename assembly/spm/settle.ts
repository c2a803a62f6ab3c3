// The one way out of an SPM entry (every export of index.ts ends here): verdicts are carried
// out, the disconnects they and the call caused are sent, the scheduler runs once (IPC), and
// the call of a partition that went down in this entry is left, never returned to.
import { PARTITION_COUNT } from "bulkhead/spm_tables";
import { DUE_DISCONNECT, DUE_SWITCH, DUE_UNWIND, DUE_VERDICT, clearDue, dueWork } from "./due";
import { panicPartition } from "./panic";
import { isDown } from "./partitions";
import { platform_abort_partition } from "./platform";
import { IDLE_THREAD, callerPartition, currentThread, inFlih, isNsAgent, schedule } from "./threads";
import { nextCondemned } from "./verdict";
import { sendAllPending } from "./backend/index";

@inline
export function settle(): void {
  if (dueWork() != 0) settleDue();
}

// The end of an entry that decides no partition's fate, ends no connection and changes no
// thread's state, but moves the NS side to another agent (NSCE's load and save: the NS
// scheduler's context switch, on an RTOS's hot path): only the scheduler (IPC), always.
@inline
export function settleSwitch(): void {
  schedule();
}

// Out of line, so the 40-odd exports share one copy of it and of the scheduler.
function settleDue(): void {
  // The IPC call path's usual case: threads changed state, nothing else. No verdict was given in
  // this entry, so the partition that made it has not gone down in it.
  if (dueWork() == DUE_SWITCH) {
    clearDue(DUE_SWITCH);
    schedule();
    return;
  }
  do {
    if (dueWork() & DUE_VERDICT) {
      for (let p = nextCondemned(); p != PARTITION_COUNT; p = nextCondemned()) panicPartition(p);
    }
    // A service told of a disconnect may break a rule in its answer: then round again.
    if (dueWork() & DUE_DISCONNECT) sendAllPending();
  } while (dueWork() & DUE_VERDICT);
  clearDue(DUE_UNWIND);
  const unwind = callerIsDown();
  // Only the IPC backend sets DUE_SWITCH.
  if (dueWork() & DUE_SWITCH) {
    clearDue(DUE_SWITCH);
    schedule();
  }
  if (unwind) platform_abort_partition();
}

// The partition whose code made this SPM call (a FLIH's, while one runs) is down.
function callerIsDown(): bool {
  const t = currentThread();
  if (!inFlih() && (isNsAgent(t) || t == IDLE_THREAD)) return false;
  return isDown(callerPartition());
}
