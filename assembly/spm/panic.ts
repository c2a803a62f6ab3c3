// Fault containment. A partition that panics (psa_panic, an FF-M programmer error, a Wasm trap,
// a fault) is dead from then on; its clients get PSA_ERROR_CONNECTION_REFUSED, the SPM and every
// other partition go on. TF-M resets the whole system instead. The checks condemn (verdict.ts);
// this carries the verdict out when the SPM entry ends (settle.ts).
import { withdrawClient } from "./completion";
import { P_DEAD, P_RESTARTING, restartCount, setPartitionState } from "./partitions";
import { partitionRestartLimit } from "./tables";
import { T_DEAD, setThreadState, threadOf } from "./threads";
import { wasInitialising } from "./verdict";
import { disableIrqsOf } from "./irq_lines";
import { failMessagesAt, startNext } from "./backend/ipc";

// Condemned partition p dies: its thread, its interrupts, its calls as a client, the messages it
// had to answer; it waits for a restart if it has one left.
export function panicPartition(p: u32): void {
  const t = threadOf(p);
  setPartitionState(p, P_DEAD);
  setThreadState(t, T_DEAD);
  disableIrqsOf(p);
  withdrawClient(t);
  failMessagesAt(p, t);
  // The restart policy (restart.ts): with restarts left it waits for its next client.
  if (restartCount(p) < partitionRestartLimit(p)) setPartitionState(p, P_RESTARTING);
  if (wasInitialising(p)) startNext();
}
