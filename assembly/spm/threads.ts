// Execution contexts. Threads 0..NS_CONTEXTS are NS agents, the secure contexts NS callers run
// in: agent 0 is the NS side's own (before NSCE is used, or while no context is loaded), agent
// 1 + k is NSCE context slot k. Thread NS_CONTEXTS + 1 + p belongs to partition p. A thread index
// doubles as the client's message slot: a client waits for its reply, so it never has two
// messages in flight.
//
// IPC backend: every thread is a real thread; the highest-priority ready one runs and the SPM
// asks the platform to switch when that changes. SFN backend: one context; `current` names the
// partition whose code runs now (calls nest), so the SPM knows who is calling.
import { IRQ_COUNT, NS_CONTEXTS, PARTITION_BY_RANK, PARTITION_COUNT, PARTITION_RANK, SPM_BACKEND_IPC } from "bulkhead/spm_tables";
import { mpuActivate } from "../mpu/driver";
import { print } from "./console";
import { DUE_SWITCH, setDue } from "./due";
import { platform_thread_return, platform_thread_switch } from "./platform_ipc";

export const NS_AGENT: u32 = 0;
const FIRST_PARTITION_THREAD: u32 = NS_CONTEXTS + 1;
export const THREAD_COUNT: u32 = FIRST_PARTITION_THREAD + PARTITION_COUNT;
// Not a thread the SPM manages: the platform's wait-for-interrupt loop.
export const IDLE_THREAD: u32 = THREAD_COUNT;

export const T_DORMANT: u8 = 0;
export const T_READY: u8 = 1;
export const T_BLOCKED: u8 = 2;
export const T_DEAD: u8 = 3;

const STATE = memory.data(<i32>THREAD_COUNT);
let current: u32 = NS_AGENT;
// The agent the NS side runs on now (NSCE load_ctx / save_ctx move it); the only agent the IPC
// scheduler may run.
let nsThread: u32 = NS_AGENT;

@inline export function currentThread(): u32 { return current; }

@inline export function isNsAgent(t: u32): bool { return t < FIRST_PARTITION_THREAD; }
@inline export function threadOf(p: u32): u32 { return p + FIRST_PARTITION_THREAD; }
@inline export function partitionOfThread(t: u32): u32 { return t - FIRST_PARTITION_THREAD; }
@inline export function nsAgent(): u32 { return nsThread; }
@inline export function threadState(t: u32): u8 { return load<u8>(STATE + t); }

// IPC: the ready threads as bit sets, so that picking the next thread is a count of trailing zeros,
// not a scan: bit r of readyPartitions is the partition of scheduling rank r (the build orders them
// by priority, then index; at most 32), bit k of readyAgents is NS agent k (at most 33). The SFN
// backend never schedules, so its call path does not keep them.
let readyPartitions: u32 = 0;

let readyAgents: u64 = 0;
// The agents the NS side could ever run on: its own, and those of acquired NSCE contexts (which
// the NS scheduler could load). Only for the deadlock check, off the call path.
let loadableAgents: u64 = 1 << NS_AGENT;

// NSCE: context slot k's agent t became loadable (acquired) or not (released).
export function setAgentLoadable(t: u32, loadable: bool): void {
  const bit = <u64>1 << t;
  loadableAgents = loadable ? loadableAgents | bit : loadableAgents & ~bit;
}

export function setThreadState(t: u32, s: u8): void {
  store<u8>(STATE + t, s);
  if (!SPM_BACKEND_IPC) return;
  setDue(DUE_SWITCH);
  if (isNsAgent(t)) {
    const bit = <u64>1 << t;
    readyAgents = s == T_READY ? readyAgents | bit : readyAgents & ~bit;
  } else {
    const bit = <u32>1 << load<u8>(PARTITION_RANK + partitionOfThread(t));
    readyPartitions = s == T_READY ? readyPartitions | bit : readyPartitions & ~bit;
  }
}

// While a FLIH runs (interrupt context) the partition calling the SPM is the FLIH's, whichever
// thread it interrupted; otherwise it is the running thread's.
const NO_FLIH: u32 = 0xffffffff;
let flih: u32 = NO_FLIH;

@inline export function callerPartition(): u32 { return flih != NO_FLIH ? flih : partitionOfThread(current); }
@inline export function inFlih(): bool { return flih != NO_FLIH; }
@inline export function setFlih(p: u32): void { flih = p; }
@inline export function endFlih(): void { flih = NO_FLIH; }

// SFN backend: the running partition changes when a call enters or leaves it.
@inline
export function enterThread(t: u32): u32 {
  const previous = current;
  current = t;
  return previous;
}

// NSCE moved the NS side to agent t (always from NS code under SFN, where no call can be in
// progress then). It continues there, or, when the NS scheduler resumes a task that was inside a
// secure call (`inSecure`, IPC only), in the platform's idle thread until the scheduler runs
// whichever thread is due.
export function moveNs(t: u32, inSecure: bool): void {
  nsThread = t;
  current = inSecure ? IDLE_THREAD : t;
  // No DUE_SWITCH: the entries that move the NS side (NSCE load and save) always schedule.
}

// IPC: blocked thread t becomes ready; `value` is what its blocked SPM call returns.
export function wake(t: u32, value: u32): void {
  // The SFN backend has no blocked thread to wake, nor a platform that could.
  if (!SPM_BACKEND_IPC) return;
  setThreadState(t, T_READY);
  platform_thread_return(t, value);
}

// IPC: runs the highest-priority ready thread (partitions before NS code; the lowest index among
// equals, so the order is deterministic). Of the NS agents only the one the NS side is on may run.
// When nothing can run the platform's idle thread does (IDLE_THREAD) until an interrupt makes a
// thread ready, or the NS scheduler loads an NSCE context that can go on; with no thread ready at
// all (the NS side's own agent, or that of an acquired NSCE context, which the NS scheduler could
// load; a free slot's agent never runs) and no interrupt to wait for, nothing ever could: the system has deadlocked
// and the SPM halts safely and says so.
// Called only at the end of an SPM entry (settle.ts), when a thread changed state in it (IPC).
export function schedule(): void {
  if (!SPM_BACKEND_IPC) return;
  let best: u32 = IDLE_THREAD;
  if (readyPartitions != 0) {
    best = threadOf(<u32>load<u8>(PARTITION_BY_RANK + ctz(readyPartitions)));
  } else if ((readyAgents >> nsThread) & 1) {
    best = nsThread;
  } else if ((readyAgents & loadableAgents) == 0 && IRQ_COUNT == 0) {
    print("[SPM] FATAL every thread is blocked or dead: the system has deadlocked\n");
    unreachable();
  }
  if (best != current) {
    current = best;
    if (!isNsAgent(best) && best != IDLE_THREAD) mpuActivate(partitionOfThread(best));
    platform_thread_switch(best);
  }
}
