// Messages in flight, one record per client thread (see threads.ts): the record of slot t is the
// message client t is waiting on. Then one per partition for the PSA_IPC_DISCONNECT messages the
// SPM sends on its own (disconnect.ts), which no client waits for. Handles carry a generation, so
// a stale msg_handle from an earlier message of the same slot is refused.
import { PARTITION_COUNT } from "bulkhead/spm_tables";
import { THREAD_COUNT } from "./threads";

// Record layout (byte offsets). It begins with the psa_msg_t the service reads (type, handle,
// client_id, rhandle, in_size[4], out_size[4]), so handing it over is one copy; then the SPM's
// own fields, then five arrays of PSA_MAX_IOVEC (4) u32.
const TYPE = 0;
const HANDLE = 4; // the msg_handle: generation in bits 8..23, slot + 1 in bits 0..7
const CLIENT_ID = 8;
const RHANDLE = 12;
export const IN_SIZE: u32 = 16;
export const OUT_SIZE: u32 = 32;
const STATE = 48;
const SERVICE = 52;
const CONNECTION = 56;
const NEXT = 60; // the next slot in the target partition's queue, + 1 (0 ends it)
const OUT_ARRAY = 64; // the client's psa_outvec array (system address) for the len write-back
const OUT_COUNT = 68;
const IN_COUNT = 72;
// MM-IOVEC: bits 0-3 input and 4-7 output vectors ever mapped, bits 8-15 the ones still mapped.
const MAPPED = 76;
export const IN_BASE: u32 = 80;
export const IN_DONE: u32 = 96;
export const OUT_BASE: u32 = 112;
export const OUT_DONE: u32 = 128;
export const OUT_MAP_AT: u32 = 144; // per output vector: where its copy sits in the partition
const RECORD = 160;

export const M_FREE: u32 = 0;
export const M_QUEUED: u32 = 1; // waiting for the partition's psa_get (IPC)
export const M_ACTIVE: u32 = 2; // the partition is serving it
export const M_ORPHAN: u32 = 3; // being served, but its client died: the reply goes nowhere

export const NO_SLOT: u32 = 0xffffffff;

const MESSAGE_SLOTS: u32 = THREAD_COUNT + PARTITION_COUNT;
const RECORDS = memory.data(<i32>(RECORD * MESSAGE_SLOTS));

// The slot of partition p's SPM-sent messages, and whether a slot is one (no client waits on it).
@inline export function spmSlot(p: u32): u32 { return THREAD_COUNT + p; }
@inline export function isSpmSlot(slot: u32): bool { return slot >= THREAD_COUNT; }
// Every slot, client and SPM, for the loops that must see each message in flight.
export const SLOT_COUNT: u32 = MESSAGE_SLOTS;

@inline export function record(slot: u32): usize { return RECORDS + <usize>slot * RECORD; }

// Zeroes the size, base and progress of a record's first n vectors from `size` on.
@inline
function clearVectors(m: usize, size: u32, base: u32, done: u32, n: u32): void {
  for (let i: u32 = 0; i < n; i++) {
    const at = m + (<usize>i << 2);
    store<u32>(at + size, 0);
    store<u32>(at + base, 0);
    store<u32>(at + done, 0);
  }
}

// Starts client `slot`'s next message, with inCount input and outCount output vectors. Its
// generation moves on, which retires the old handle. Vectors past a message's counts stay zero:
// only the ones the previous message used are cleared, so a call without vectors clears none.
export function openMessage(slot: u32, type: i32, clientId: i32, service: u32, connection: u32, inCount: u32, outCount: u32): void {
  const m = record(slot);
  const gen = ((load<u32>(m, HANDLE) >> 8) + 1) & 0xffff;
  clearVectors(m, IN_SIZE, IN_BASE, IN_DONE, load<u32>(m, IN_COUNT));
  clearVectors(m, OUT_SIZE, OUT_BASE, OUT_DONE, load<u32>(m, OUT_COUNT));
  store<i32>(m, type, TYPE);
  store<u32>(m, ((gen == 0 ? 1 : gen) << 8) | (slot + 1), HANDLE);
  store<i32>(m, clientId, CLIENT_ID);
  store<u32>(m, service, SERVICE);
  store<u32>(m, connection, CONNECTION);
  store<u32>(m, inCount, IN_COUNT);
  store<u32>(m, outCount, OUT_COUNT);
  store<u32>(m, 0, OUT_ARRAY);
  store<u32>(m, 0, MAPPED);
}

// The slot a msg_handle names, or NO_SLOT when it names no message in the `state` given.
export function slotOfHandle(handle: i32, state: u32): u32 {
  const slot = (<u32>handle & 0xff) - 1;
  if (slot >= MESSAGE_SLOTS || handle != load<i32>(record(slot), HANDLE)) return NO_SLOT;
  return load<u32>(record(slot), STATE) == state ? slot : NO_SLOT;
}

// The record as the psa_msg_t its service reads, with the connection's current rhandle.
export function messageAsPsaMsg(slot: u32, rhandle: u32): usize {
  store<u32>(record(slot), rhandle, RHANDLE);
  return record(slot);
}

@inline export function messageState(slot: u32): u32 { return load<u32>(record(slot), STATE); }
@inline export function setMessageState(slot: u32, s: u32): void { store<u32>(record(slot), s, STATE); }
@inline export function messageType(slot: u32): i32 { return load<i32>(record(slot), TYPE); }
@inline export function messageService(slot: u32): u32 { return load<u32>(record(slot), SERVICE); }
@inline export function messageConnection(slot: u32): u32 { return load<u32>(record(slot), CONNECTION); }
@inline export function messageNext(slot: u32): u32 { return load<u32>(record(slot), NEXT); }
@inline export function setMessageNext(slot: u32, next: u32): void { store<u32>(record(slot), next, NEXT); }
@inline export function messageOutArray(slot: u32): u32 { return load<u32>(record(slot), OUT_ARRAY); }
@inline export function messageOutCount(slot: u32): u32 { return load<u32>(record(slot), OUT_COUNT); }

@inline export function setMessageOutArray(slot: u32, array: u32): void { store<u32>(record(slot), array, OUT_ARRAY); }

@inline
export function vecAddress(slot: u32, field: u32, i: u32): usize {
  return record(slot) + field + (<usize>i << 2);
}

@inline
export function vecField(slot: u32, field: u32, i: u32): u32 {
  return load<u32>(vecAddress(slot, field, i));
}

@inline
export function setVecField(slot: u32, field: u32, i: u32, v: u32): void {
  store<u32>(record(slot) + field + (<usize>i << 2), v);
}

@inline export function mappedBits(slot: u32): u32 { return load<u32>(record(slot), MAPPED); }
@inline export function setMappedBits(slot: u32, bits: u32): void { store<u32>(record(slot), bits, MAPPED); }
