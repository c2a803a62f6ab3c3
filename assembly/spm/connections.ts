// Connections of connection-based services (psa_connect .. psa_close). A fixed pool: when it is
// exhausted psa_connect answers PSA_ERROR_CONNECTION_BUSY, as FF-M allows.
import { servicePartition } from "./tables";

export const CONNECTION_MAX: u32 = 32;

export const C_FREE: u32 = 0;
export const C_CONNECTING: u32 = 1; // CONNECT message not answered yet
export const C_IDLE: u32 = 2;
export const C_BUSY: u32 = 3; // a CALL or DISCONNECT in flight
export const C_DROPPED: u32 = 4; // the service answered PROGRAMMER_ERROR: only psa_close is left
export const C_CLOSING: u32 = 5; // the client let go; freed once the service has its DISCONNECT
export const C_STALE: u32 = 6; // its service's partition was restarted: refused, only psa_close is left

// Where the SPM's own PSA_IPC_DISCONNECT for the connection is (disconnect.ts).
export const TELL_NONE: u32 = 0;
export const TELL_PENDING: u32 = 1; // waiting for the service partition's SPM message slot
export const TELL_SENT: u32 = 2;

// Record: generation, state, service, owner thread, rhandle, the client ID the service saw at
// connect (an NSCE context's may be gone by the time the SPM disconnects it), tell.
const GEN = 0;
const STATE = 4;
const SERVICE = 8;
const OWNER = 12;
const RHANDLE = 16;
const CLIENT = 20;
const TELL = 24;
const RECORD = 28;

const RECORDS = memory.data(<i32>(RECORD * CONNECTION_MAX));
export const NO_CONNECTION: u32 = 0xffffffff;

@inline function rec(c: u32): usize { return RECORDS + <usize>c * RECORD; }

@inline export function connectionState(c: u32): u32 { return load<u32>(rec(c), STATE); }
@inline export function setConnectionState(c: u32, s: u32): void { store<u32>(rec(c), s, STATE); }
@inline export function connectionService(c: u32): u32 { return load<u32>(rec(c), SERVICE); }
@inline export function connectionOwner(c: u32): u32 { return load<u32>(rec(c), OWNER); }
@inline export function connectionRhandle(c: u32): u32 { return load<u32>(rec(c), RHANDLE); }
@inline export function setConnectionRhandle(c: u32, v: u32): void { store<u32>(rec(c), v, RHANDLE); }
@inline export function connectionClient(c: u32): i32 { return load<i32>(rec(c), CLIENT); }
@inline export function connectionTell(c: u32): u32 { return load<u32>(rec(c), TELL); }
@inline export function setConnectionTell(c: u32, t: u32): void { store<u32>(rec(c), t, TELL); }

export function openConnection(service: u32, owner: u32, client: i32): u32 {
  for (let c: u32 = 0; c < CONNECTION_MAX; c++) {
    const r = rec(c);
    if (load<u32>(r, STATE) != C_FREE) continue;
    const gen = (load<u32>(r, GEN) + 1) & 0x3fffff;
    store<u32>(r, gen == 0 ? 1 : gen, GEN);
    store<u32>(r, C_CONNECTING, STATE);
    store<u32>(r, service, SERVICE);
    store<u32>(r, owner, OWNER);
    store<u32>(r, 0, RHANDLE);
    store<i32>(r, client, CLIENT);
    store<u32>(r, TELL_NONE, TELL);
    return c;
  }
  return NO_CONNECTION;
}

@inline
export function closeConnection(c: u32): void {
  setConnectionState(c, C_FREE);
}

// The client let go of its handle (psa_close of a dropped connection, or the client is gone): the
// record is free now, or once the SPM's DISCONNECT for it has been answered.
export function letGo(c: u32): void {
  if (connectionTell(c) == TELL_NONE) closeConnection(c);
  else setConnectionState(c, C_CLOSING);
}

// The client's handle: generation in bits 8..29, index + 1 in bits 0..7. Positive, and bit 30
// clear, so it never looks like a stateless handle.
@inline
export function connectionHandle(c: u32): i32 {
  return <i32>((load<u32>(rec(c), GEN) << 8) | (c + 1));
}

// The connection `handle` names when thread `owner` holds it, or NO_CONNECTION.
export function connectionOf(handle: i32, owner: u32): u32 {
  const c = (<u32>handle & 0xff) - 1;
  if (handle <= 0 || c >= CONNECTION_MAX) return NO_CONNECTION;
  const r = rec(c);
  if (<u32>handle >> 8 != load<u32>(r, GEN) || load<u32>(r, STATE) == C_FREE) return NO_CONNECTION;
  const state = load<u32>(r, STATE);
  if (state == C_CONNECTING || state == C_CLOSING || load<u32>(r, OWNER) != owner) return NO_CONNECTION;
  return c;
}

// The next connection to a service of partition p whose DISCONNECT waits for p's SPM slot.
export function pendingTellTo(p: u32): u32 {
  for (let c: u32 = 0; c < CONNECTION_MAX; c++) {
    if (connectionState(c) != C_FREE && connectionTell(c) == TELL_PENDING && servicePartition(connectionService(c)) == p) return c;
  }
  return NO_CONNECTION;
}
