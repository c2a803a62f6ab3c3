// The secure watchdog: a partition that runs too long without handing the CPU back (an SFN that
// never returns, an IPC thread that never blocks) is panicked, and the rest of the system goes
// on. The port ticks every millisecond while partition code runs (the target: the secure SysTick;
// the host runner: every 65,536 loop iterations of the partition's code) and asks this module
// whether the running partition is past its manifest's watchdog_ms. An activation ends, and its
// count starts again, when the partition's SFN returns or its thread blocks.
import { PARTITION_COUNT, WATCHDOG } from "bulkhead/spm_tables";
import { partitionWatchdogTicks } from "./tables";
import { currentThread, isNsAgent, IDLE_THREAD, partitionOfThread } from "./threads";

const RAN = memory.data(<i32>(4 * (PARTITION_COUNT == 0 ? 1 : PARTITION_COUNT)));

// One tick while partition code ran: true when that partition is now past its budget.
export function watchdogTick(): bool {
  const t = currentThread();
  if (isNsAgent(t) || t == IDLE_THREAD) return false;
  const p = partitionOfThread(t);
  const budget = partitionWatchdogTicks(p);
  if (budget == 0) return false;
  const ran = load<u32>(RAN + (<usize>p << 2)) + 1;
  store<u32>(RAN + (<usize>p << 2), ran);
  return ran > budget;
}

// Partition p has handed the CPU back: its next activation counts from zero. Free when no
// partition has a budget (WATCHDOG is a build-time constant).
@inline
export function watchdogRest(p: u32): void {
  if (WATCHDOG) store<u32>(RAN + (<usize>p << 2), 0);
}
