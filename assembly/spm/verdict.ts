// Verdicts. A check that finds a partition has broken an FF-M rule (or that its code trapped,
// faulted or ran past its watchdog) condemns it here and returns an error value; it never ends
// the SPM call itself. The partition is down from that moment, so no message reaches it, and the
// console says why at once; the SPM entry that made the check carries the verdict out when it
// ends (settle.ts): one place panics partitions, leaves an SFN call non-locally and switches
// threads, as Hubris's safe_syscall_entry and TF-M's backend_abi_leaving_spm do.
import { PARTITION_COUNT, PARTITION_NAMES } from "bulkhead/spm_tables";
import { print, printPartition } from "./console";
import { partitionPid } from "./tables";
import { PSA_ERROR_PROGRAMMER_ERROR } from "../psa/status";
import { DUE_VERDICT, clearDue, setDue } from "./due";
import { P_DEAD, P_INITIALISING, isDown, partitionState, setPartitionState } from "./partitions";
import { callerPartition, currentThread, inFlih, isNsAgent } from "./threads";


// Per partition: whether it was still initialising when condemned (the IPC boot chain then
// starts the next one).
const WAS_INITIALISING = memory.data(<i32>(PARTITION_COUNT == 0 ? 1 : PARTITION_COUNT));
let condemned: u32 = 0;

// Partition p is to be panicked for `what` ("psa_read", "Wasm trap") and `detail` (the rule broken).
// The first verdict of a partition stands; one already down is left as it is.
export function condemn(p: u32, what: string, detail: string): void {
  if (isDown(p)) return;
  printPartition(PARTITION_NAMES[p], partitionPid(p));
  print(" panicked: ");
  print(what);
  if (detail.length > 0) {
    print(": ");
    print(detail);
  }
  print("\n");
  store<u8>(WAS_INITIALISING + p, partitionState(p) == P_INITIALISING ? 1 : 0);
  setPartitionState(p, P_DEAD);
  condemned |= 1 << p;
  setDue(DUE_VERDICT);
}

// The next condemned partition (lowest index first), taken off the list; PARTITION_COUNT when none is left.
export function nextCondemned(): u32 {
  if (condemned == 0) {
    clearDue(DUE_VERDICT);
    return PARTITION_COUNT;
  }
  const p = <u32>ctz(condemned);
  condemned &= condemned - 1;
  return p;
}
@inline export function wasInitialising(p: u32): bool { return load<u8>(WAS_INITIALISING + p) != 0; }

// The running partition broke an FF-M rule in the service API: it is panicked.
export function partitionError(api: string, why: string): void {
  condemn(callerPartition(), api, why);
}

// The calling client broke an FF-M rule. An NS caller gets PSA_ERROR_PROGRAMMER_ERROR back; a
// secure caller is panicked (FF-M: the SPM does not return to it).
export function clientError(api: string, why: string): i32 {
  if (inFlih() || !isNsAgent(currentThread())) condemn(callerPartition(), api, why);
  return PSA_ERROR_PROGRAMMER_ERROR;
}

// A FLIH must not block or wait for another partition.
export const FLIH_RULE = "not allowed in a FLIH function, which runs in interrupt context";
