// Boot: partitions initialise one at a time in the build's boot order (dependencies first), so
// no message reaches a partition before it has finished initialising.
import { NS_CONTEXTS, PARTITION_COUNT, SERVICE_COUNT, SPM_BACKEND_IPC } from "bulkhead/spm_tables";
import { PSA_SUCCESS } from "../psa/status";
import { print, printDec } from "./console";
import { enableBootIrqs } from "./irq";
import { mpuBoot } from "../mpu/driver";
import { panicPartition } from "./panic";
import { P_INITIALISING, P_REINITIALISING, P_SERVING, isDown, partitionState, setPartitionState } from "./partitions";
import { platform_partition_init } from "./platform";
import { watchdogRest } from "./watchdog";
import { bootPartition } from "./tables";
import { NS_AGENT, T_BLOCKED, T_READY, enterThread, schedule, setThreadState, threadOf, wake } from "./threads";

let nextToBoot: u32 = 0;

export function boot(): void {
  if (!mpuBoot()) {
    print("[SPM] FATAL the image layout does not fit the isolation level's MPU plan\n");
    unreachable();
  }
  print("[SPM] bulkhead: ");
  printDec(<i32>PARTITION_COUNT);
  print(" partition(s), ");
  printDec(<i32>SERVICE_COUNT);
  print(SPM_BACKEND_IPC ? " service(s), IPC backend\n" : " service(s), SFN backend\n");
  enableBootIrqs();
  // NSCE contexts' agents: each runs NS code once the NS scheduler loads its context.
  for (let k: u32 = 1; k <= NS_CONTEXTS; k++) setThreadState(k, T_READY);
  if (SPM_BACKEND_IPC) {
    // The NS agent (the boot thread) waits until the last partition has initialised.
    setThreadState(NS_AGENT, T_BLOCKED);
    startNext();
    schedule();
    return;
  }
  for (let i: u32 = 0; i < PARTITION_COUNT; i++) initSfnPartition(bootPartition(i));
}

// SFN backend: partition p runs its entry_init (at boot, or when it is restarted) and serves.
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
    panicPartition(p, "entry_init", "returned an error status");
    return;
  }
  setPartitionState(p, P_SERVING);
  setThreadState(t, T_READY);
}

// IPC: the next partition's thread starts; after the last one the NS agent goes on.
export function startNext(): void {
  if (nextToBoot == PARTITION_COUNT) {
    wake(NS_AGENT, 0);
    return;
  }
  const p = bootPartition(nextToBoot++);
  setPartitionState(p, P_INITIALISING);
  setThreadState(threadOf(p), T_READY);
}

// Partition p is ready for messages (IPC: its first psa_wait; SFN model: entry_init returned).
// True when that let the next partition start, which the caller must then schedule.
export function finishInitialising(p: u32): bool {
  // A restarted IPC partition is not part of the boot chain.
  if (partitionState(p) == P_REINITIALISING) {
    setPartitionState(p, P_SERVING);
    return false;
  }
  if (partitionState(p) != P_INITIALISING) return false;
  setPartitionState(p, P_SERVING);
  if (SPM_BACKEND_IPC) startNext();
  return SPM_BACKEND_IPC;
}
