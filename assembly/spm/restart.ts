// The restart policy (Hubris's supervisor, Tock's FaultPolicy; TF-M resets the whole system): a
// partition whose manifest says `restarts: N` and that panics is restarted, at most N times; after
// that a panic is for good (panic.ts leaves it P_RESTARTING while it has restarts left). The
// restart happens when a client next connects to or calls one of its services, in that client's
// SPM call, never inside the fault path that killed it: its memory is re-initialised from its
// image, then it runs entry_init (SFN model, before the call goes on) or its thread starts again at
// entry_point (IPC model; the call waits in its queue until it has initialised). Connections made
// before the panic are refused (their clients may connect again); what it stored in ITS stays,
// since ITS keys objects by partition ID.
import { PARTITION_NAMES, RESTART_POLICY } from "bulkhead/spm_tables";
import { print, printDec, printPartition } from "./console";
import { C_IDLE, C_STALE, CONNECTION_MAX, connectionService, connectionState, setConnectionState } from "./connections";
import { P_RESTARTING, partitionState, resetPartitionRecord, restartCount } from "./partitions";
import { platform_partition_reset } from "./platform";
import { partitionPid, partitionRestartLimit, servicePartition } from "./tables";
import { watchdogRest } from "./watchdog";
import { startPartition } from "./backend/index";

// Before a message goes to service s. Free in an image where no partition may be restarted.
@inline
export function restartIfDue(s: u32): void {
  if (!RESTART_POLICY) return;
  const p = servicePartition(s);
  if (partitionState(p) == P_RESTARTING) restart(p);
}

function restart(p: u32): void {
  resetPartitionRecord(p);
  printPartition(PARTITION_NAMES[p], partitionPid(p));
  print(" restarts (");
  printDec(<i32>restartCount(p));
  print(" of ");
  printDec(<i32>partitionRestartLimit(p));
  print(")\n");
  for (let c: u32 = 0; c < CONNECTION_MAX; c++) {
    // Nothing is in flight to a partition that was down.
    if (connectionState(c) == C_IDLE && servicePartition(connectionService(c)) == p) setConnectionState(c, C_STALE);
  }
  platform_partition_reset(p);
  // A partition the watchdog killed is past its budget: its new life counts from zero.
  watchdogRest(p);
  startPartition(p);
}
