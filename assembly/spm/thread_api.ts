// What a partition's thread (IPC backend) and the platform's fault handling tell the SPM, beyond
// the PSA API: an SFN partition's thread loop, an entry_point that returned, a trap.
import { PARTITION_NAMES } from "bulkhead/spm_tables";
import { PSA_SUCCESS } from "../psa/status";
import { FAULT_USAGEFAULT, FAULT_WATCHDOG, TRAP_CALL_STACK_EXHAUSTED, faultName, trapName } from "bulkhead_abi/facts";
import { print, printDec, printHex } from "./console";
import { answer } from "./backend/index";
import { blockCurrent, finishInitialising } from "./backend/ipc";
import { CONNECT_REPLY_RULE, validReply, writeMsg } from "./completion";
import { partitionMsgSlot } from "./memory";
import { M_ACTIVE, messageService, messageType, setMessageState } from "./message";
import { condemn, partitionError } from "./verdict";
import { SFN_IDLE, dequeue, queueHead, setSfnServing, setWaitingFor, sfnServing } from "./partitions";
import { NO_ROW, partitionServiceSignals, partitionWatchdogTicks, serviceSignal } from "./tables";
import { watchdogRest } from "./watchdog";
import { callerPartition, currentThread, partitionOfThread } from "./threads";

@inline function me(): u32 { return partitionOfThread(currentThread()); }

// An SFN partition's entry_init returned `status` in its own thread.
export function initDone(status: i32): void {
  if (status != PSA_SUCCESS) {
    partitionError("entry_init", "returned an error status");
    return;
  }
  finishInitialising(me());
}

// An SFN partition's thread asks for its next message: the service row whose SFN to run, with
// the psa_msg_t in the partition's slot; or NO_ROW after blocking (the thread asks again).
export function sfnNext(): u32 {
  const p = me();
  const head = queueHead(p);
  if (head == 0) {
    setWaitingFor(p, partitionServiceSignals(p) | SFN_IDLE);
    blockCurrent();
    return NO_ROW;
  }
  const s = messageService(head - 1);
  const slot = dequeue(p, 1 << serviceSignal(s));
  setMessageState(slot, M_ACTIVE);
  writeMsg(slot, partitionMsgSlot(p));
  setSfnServing(p, slot);
  return s;
}

// The SFN returned `status` for the message in the partition's slot: that is its reply. Then, in
// the same SPM call, the partition's next message, as sfnNext gives it (one SVC per message, not two).
export function sfnDone(status: i32): u32 {
  const p = me();
  watchdogRest(p);
  // The SPM knows which message the SFN served: the psa_msg_t it was handed is the partition's to
  // overwrite, under this backend as under the SFN backend.
  const slot = sfnServing(p);
  if (!validReply(messageType(slot), status)) {
    partitionError("SFN", CONNECT_REPLY_RULE);
    return NO_ROW;
  }
  answer(slot, status);
  return sfnNext();
}

// An IPC partition's entry_point returned: FF-M partitions never do.
export function threadExit(): void {
  partitionError("entry_point", "returned");
}

// The running partition's code trapped (wasm2c trap code): it dies, the SPM goes on.
export function fault(code: u32): void {
  // The host runner's Wasm call stack running out is the target's stack limit: one reason for both.
  if (code == TRAP_CALL_STACK_EXHAUSTED) condemn(callerPartition(), STACK_OVERFLOW, "");
  else condemn(callerPartition(), "Wasm trap", trapName(code));
}

const STACK_OVERFLOW = "stack overflow";
// UsageFault status: the stack limit (MSPLIM/PSPLIM) stopped a push.
const CFSR_STKOF: u32 = 1 << 20;

// The CPU faulted in the running partition's code (the MPU refused an access, the stack limit,
// TrustZone): the platform's fault handler names the fault, the address (or, for a fault without
// one, the faulting instruction) and the fault status registers it read.
export function hardwareFault(kind: u32, address: u32, status: u32): void {
  const p = callerPartition();
  if (kind == FAULT_WATCHDOG) {
    watchdogExpired(p);
    return;
  }
  const name = faultName(kind);
  const overflow = kind == FAULT_USAGEFAULT && (status & CFSR_STKOF) != 0;
  print("[SPM] ");
  print(name);
  print(" in partition ");
  print(PARTITION_NAMES[p]);
  // A push the stack limit stopped left no frame, so no faulting address either.
  if (overflow) {
    print(" at its stack limit");
  } else {
    print(" at ");
    printHex(address);
  }
  print(", status ");
  printHex(status);
  print("\n");
  condemn(p, overflow ? STACK_OVERFLOW : name, "");
}

function watchdogExpired(p: u32): void {
  print("[SPM] watchdog: partition ");
  print(PARTITION_NAMES[p]);
  print(" ran for more than ");
  printDec(<i32>partitionWatchdogTicks(p));
  print(" ms without handing the CPU back\n");
  condemn(p, "watchdog", "ran past its watchdog_ms budget");
}
