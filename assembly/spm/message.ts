// Messages in flight, one record per client thread (see threads.ts): the record of slot t is the
// message client t is waiting on. Handles carry a generation, so a stale msg_handle from an
// earlier message of the same client is refused.
import { THREAD_COUNT } from "./threads";

// Record layout (byte offsets): a header, then six arrays of PSA_MAX_IOVEC (4) u32.
const GEN = 0;
const STATE = 4;
const TYPE = 8;
const CLIENT_ID = 12;
const SERVICE = 16;
const CONNECTION = 20;
const NEXT = 24; // the next slot in the target partition's queue, + 1 (0 ends it)
const OUT_ARRAY = 28; // the client's psa_outvec array (system address) for the len write-back
const OUT_COUNT = 32;
export const IN_BASE: u32 = 48;
export const IN_SIZE: u32 = 64;
export const IN_DONE: u32 = 80;
export const OUT_BASE: u32 = 96;
export const OUT_SIZE: u32 = 112;
export const OUT_DONE: u32 = 128;
// MM-IOVEC: bits 0-3 input and 4-7 output vectors ever mapped, bits 8-15 the ones still mapped.
const MAPPED = 144;
export const OUT_MAP_AT: u32 = 148; // per output vector: where its copy sits in the partition
const RECORD = 164;

export const M_FREE: u32 = 0;
export const M_QUEUED: u32 = 1; // waiting for the partition's psa_get (IPC)
export const M_ACTIVE: u32 = 2; // the partition is serving it
export const M_ORPHAN: u32 = 3; // being served, but its client died: the reply goes nowhere

export const NO_SLOT: u32 = 0xffffffff;

const RECORDS = memory.data(<i32>(RECORD * THREAD_COUNT));

@inline export function record(slot: u32): usize { return RECORDS + <usize>slot * RECORD; }

// Starts client `slot`'s next message. Its generation moves on, which retires the old handle.
export function openMessage(slot: u32, type: i32, clientId: i32, service: u32, connection: u32): void {
  const m = record(slot);
  const gen = (load<u32>(m, GEN) + 1) & 0xffff;
  memory.fill(m, 0, RECORD);
  store<u32>(m, gen == 0 ? 1 : gen, GEN);
  store<i32>(m, type, TYPE);
  store<i32>(m, clientId, CLIENT_ID);
  store<u32>(m, service, SERVICE);
  store<u32>(m, connection, CONNECTION);
}

// The msg_handle a partition sees: generation in bits 8..23, slot + 1 in bits 0..7 (never 0,
// never negative, never a stateless handle).
@inline
export function messageHandle(slot: u32): i32 {
  return <i32>((load<u32>(record(slot), GEN) << 8) | (slot + 1));
}

// The slot a msg_handle names, or NO_SLOT when it names no message in the `state` given.
export function slotOfHandle(handle: i32, state: u32): u32 {
  const slot = (<u32>handle & 0xff) - 1;
  if (slot >= THREAD_COUNT || <u32>handle >> 8 != load<u32>(record(slot), GEN)) return NO_SLOT;
  return load<u32>(record(slot), STATE) == state ? slot : NO_SLOT;
}

@inline export function messageState(slot: u32): u32 { return load<u32>(record(slot), STATE); }
@inline export function setMessageState(slot: u32, s: u32): void { store<u32>(record(slot), s, STATE); }
@inline export function messageType(slot: u32): i32 { return load<i32>(record(slot), TYPE); }
@inline export function messageClientId(slot: u32): i32 { return load<i32>(record(slot), CLIENT_ID); }
@inline export function messageService(slot: u32): u32 { return load<u32>(record(slot), SERVICE); }
@inline export function messageConnection(slot: u32): u32 { return load<u32>(record(slot), CONNECTION); }
@inline export function messageNext(slot: u32): u32 { return load<u32>(record(slot), NEXT); }
@inline export function setMessageNext(slot: u32, next: u32): void { store<u32>(record(slot), next, NEXT); }
@inline export function messageOutArray(slot: u32): u32 { return load<u32>(record(slot), OUT_ARRAY); }
@inline export function messageOutCount(slot: u32): u32 { return load<u32>(record(slot), OUT_COUNT); }

@inline
export function setMessageOutArray(slot: u32, array: u32, count: u32): void {
  store<u32>(record(slot), array, OUT_ARRAY);
  store<u32>(record(slot), count, OUT_COUNT);
}

@inline
export function vecField(slot: u32, field: u32, i: u32): u32 {
  return load<u32>(record(slot) + field + (<usize>i << 2));
}

@inline
export function setVecField(slot: u32, field: u32, i: u32, v: u32): void {
  store<u32>(record(slot) + field + (<usize>i << 2), v);
}

@inline export function mappedBits(slot: u32): u32 { return load<u32>(record(slot), MAPPED); }
@inline export function setMappedBits(slot: u32, bits: u32): void { store<u32>(record(slot), bits, MAPPED); }
