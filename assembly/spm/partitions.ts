// Partitions at run time: lifecycle, asserted signals, what a blocked partition waits for, and
// the queue of messages delivered to it but not yet taken with psa_get (IPC).
import { PARTITION_COUNT, RESTART_POLICY } from "bulkhead/spm_tables";
import { NO_SLOT, messageNext, messageService, setMessageNext } from "./message";
import { partitionServiceSignals, serviceSignal } from "./tables";

export const P_NOT_STARTED: u32 = 0;
export const P_INITIALISING: u32 = 1;
export const P_SERVING: u32 = 2; // finished initialising: messages may be delivered
export const P_DEAD: u32 = 3;
export const P_RESTARTING: u32 = 4; // panicked with restarts left: re-initialised at its next call
export const P_REINITIALISING: u32 = 5; // IPC: running entry_point again; messages wait in its queue

// In a partition's wait mask: its SFN thread (IPC backend) is idle between messages. Bit 0 is a
// framework signal no one asserts, so it never collides with a real signal.
export const SFN_IDLE: u32 = 1;

const STATE = 0;
const ASSERTED = 4;
const WAITING = 8;
const HEAD = 12; // queue of message slots, + 1 (0 is empty)
const TAIL = 16;
const MAP_TOP = 20; // MM-IOVEC: bytes of the partition's mapping window in use
const MAP_LIVE = 24; // MM-IOVEC: vectors mapped now; the window empties when none is left
const SERVING = 28; // IPC backend, SFN model: the message slot the partition's SFN is serving
const RESTARTS = 32; // how many times it has been restarted
const RECORD = 36;

const RECORDS = memory.data(<i32>(RECORD * (PARTITION_COUNT == 0 ? 1 : PARTITION_COUNT)));

@inline function rec(p: u32): usize { return RECORDS + <usize>p * RECORD; }

@inline export function partitionState(p: u32): u32 { return load<u32>(rec(p), STATE); }
// Panicked: dead for good, or until its restart. (Dead from its verdict on, verdict.ts.)
@inline export function isDown(p: u32): bool { const s = partitionState(p); return s == P_DEAD || s == P_RESTARTING; }
// A message may be delivered: it has initialised (or, restarted under IPC, its queue keeps the
// message until it has).
@inline export function acceptsMessages(p: u32): bool {
  const s = partitionState(p);
  return s == P_SERVING || (RESTART_POLICY && s == P_REINITIALISING);
}
@inline export function setPartitionState(p: u32, s: u32): void { store<u32>(rec(p), s, STATE); }
@inline export function asserted(p: u32): u32 { return load<u32>(rec(p), ASSERTED); }
@inline export function assertSignals(p: u32, mask: u32): void { store<u32>(rec(p), asserted(p) | mask, ASSERTED); }
@inline export function clearSignals(p: u32, mask: u32): void { store<u32>(rec(p), asserted(p) & ~mask, ASSERTED); }
@inline export function waitingFor(p: u32): u32 { return load<u32>(rec(p), WAITING); }
@inline export function setWaitingFor(p: u32, mask: u32): void { store<u32>(rec(p), mask, WAITING); }

@inline export function mapTop(p: u32): u32 { return load<u32>(rec(p), MAP_TOP); }
@inline export function sfnServing(p: u32): u32 { return load<u32>(rec(p), SERVING); }
@inline export function restartCount(p: u32): u32 { return load<u32>(rec(p), RESTARTS); }

// A restart: the partition's run-time record starts afresh but for how many restarts it has had.
export function resetPartitionRecord(p: u32): void {
  const restarts = restartCount(p) + 1;
  memory.fill(rec(p), 0, RECORD);
  store<u32>(rec(p), restarts, RESTARTS);
}
@inline export function setSfnServing(p: u32, slot: u32): void { store<u32>(rec(p), slot, SERVING); }

@inline
export function addMapping(p: u32, bytes: u32): void {
  store<u32>(rec(p), mapTop(p) + bytes, MAP_TOP);
  store<u32>(rec(p), load<u32>(rec(p), MAP_LIVE) + 1, MAP_LIVE);
}

export function dropMappings(p: u32, n: u32): void {
  const live = load<u32>(rec(p), MAP_LIVE) - n;
  store<u32>(rec(p), live, MAP_LIVE);
  if (live == 0) store<u32>(rec(p), 0, MAP_TOP);
}

export function enqueue(p: u32, slot: u32): void {
  const r = rec(p);
  setMessageNext(slot, 0);
  const tail = load<u32>(r, TAIL);
  if (tail == 0) store<u32>(r, slot + 1, HEAD);
  else setMessageNext(tail - 1, slot + 1);
  store<u32>(r, slot + 1, TAIL);
  assertSignals(p, 1 << serviceSignal(messageService(slot)));
}

// Takes the oldest queued message for the service signal `signal` out of p's queue, or returns
// NO_SLOT. The signal stays asserted while more messages for that service are queued.
export function dequeue(p: u32, signal: u32): u32 {
  for (let at = load<u32>(rec(p), HEAD); at != 0; at = messageNext(at - 1)) {
    if ((1 << serviceSignal(messageService(at - 1))) == signal) {
      unlink(p, at - 1);
      return at - 1;
    }
  }
  return NO_SLOT;
}

// Removes message `slot` from p's queue if it is there, and re-derives p's service signals from
// what is still queued.
export function unlink(p: u32, slot: u32): void {
  const r = rec(p);
  let prev: u32 = 0;
  for (let at = load<u32>(r, HEAD); at != 0; prev = at, at = messageNext(at - 1)) {
    if (at - 1 != slot) continue;
    const next = messageNext(slot);
    if (prev == 0) store<u32>(r, next, HEAD);
    else setMessageNext(prev - 1, next);
    if (load<u32>(r, TAIL) == slot + 1) store<u32>(r, prev, TAIL);
    break;
  }
  let queued: u32 = 0;
  for (let at = load<u32>(r, HEAD); at != 0; at = messageNext(at - 1)) queued |= 1 << serviceSignal(messageService(at - 1));
  store<u32>(r, (asserted(p) & ~partitionServiceSignals(p)) | queued, ASSERTED);
}

// The oldest queued message's slot + 1, or 0 when nothing is queued.
@inline
export function queueHead(p: u32): u32 {
  return load<u32>(rec(p), HEAD);
}
