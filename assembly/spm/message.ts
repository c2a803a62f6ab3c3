// Messages in flight. Under the SFN backend calls nest (a service may call another service), so
// messages form a stack; the innermost one belongs to the partition that is running now.
export const MAX_MESSAGES: u32 = 4;

// Record layout: a header of four u32 (the last one spare), then six arrays of PSA_MAX_IOVEC (4) u32.
const PARTITION = 0;
const TYPE = 4;
const CLIENT_ID = 8;
export const IN_BASE = 16;
export const IN_SIZE = 32;
export const IN_DONE = 48;
export const OUT_BASE = 64;
export const OUT_SIZE = 80;
export const OUT_DONE = 96;
const RECORD = 112;

const RECORDS = memory.data(<i32>(RECORD * MAX_MESSAGES));
let depth: u32 = 0;

// Returns the record's address, or 0 when calls are nested deeper than MAX_MESSAGES.
export function pushMessage(partition: u32, type: i32, clientId: i32): usize {
  if (depth == MAX_MESSAGES) return 0;
  const m = RECORDS + <usize>depth * RECORD;
  depth++;
  memory.fill(m, 0, RECORD);
  store<u32>(m, partition, PARTITION);
  store<i32>(m, type, TYPE);
  store<i32>(m, clientId, CLIENT_ID);
  return m;
}

export function popMessage(): void {
  depth--;
}

// The message a partition refers to with msg_handle, or 0 when that handle does not name the
// message the calling partition is serving right now.
export function currentMessage(msgHandle: i32): usize {
  if (depth == 0 || <u32>msgHandle != depth) return 0;
  return RECORDS + <usize>(depth - 1) * RECORD;
}

// The handle a partition sees for the innermost message.
@inline
export function currentHandle(): i32 {
  return <i32>depth;
}

@inline export function msgPartition(m: usize): u32 { return load<u32>(m, PARTITION); }
@inline export function msgType(m: usize): i32 { return load<i32>(m, TYPE); }
@inline export function msgClientId(m: usize): i32 { return load<i32>(m, CLIENT_ID); }

@inline
export function vecField(m: usize, field: u32, i: u32): u32 {
  return load<u32>(m + field + (<usize>i << 2));
}

@inline
export function setVecField(m: usize, field: u32, i: u32, v: u32): void {
  store<u32>(m + field + (<usize>i << 2), v);
}
