// The PSA_IPC_DISCONNECT messages the SPM sends on its own. A service learns that a connection
// has ended only from that message, so it must get one however the connection ends: after it
// answered PSA_ERROR_PROGRAMMER_ERROR (FF-M 1.1: the connection is dropped), when the client's
// partition dies, or when the NS side releases an NSCE context that still held connections.
// Without it the service's per-connection state leaks until psa_connect answers BUSY for good.
//
// Here a connection is marked to be told (TELL_PENDING); the backend sends the messages
// (backend/index.ts, sendPending), at the latest when the SPM entry ends. Each partition has one
// SPM message slot; a disconnect that finds it busy waits in its connection and goes when the
// slot is free again. No client waits on these messages: the service's reply is taken and dropped.
import { PSA_IPC_DISCONNECT } from "../psa/abi";
import {
  C_CLOSING, C_DROPPED, C_IDLE, C_STALE, CONNECTION_MAX, TELL_NONE, TELL_PENDING, TELL_SENT, closeConnection,
  connectionClient, connectionOwner, connectionService, connectionState, letGo, setConnectionState, setConnectionTell,
} from "./connections";
import { DUE_DISCONNECT, setDue } from "./due";
import { M_FREE, messageConnection, openMessage, setMessageState } from "./message";

// The service answered PSA_ERROR_PROGRAMMER_ERROR: the client may only psa_close the handle now,
// and the service is told at once.
export function dropConnection(c: u32): void {
  setConnectionState(c, C_DROPPED);
  tellService(c);
}

// A connection whose client is gone (its message was orphaned, or it held it idle): told, then freed.
export function endConnection(c: u32): void {
  setConnectionState(c, C_CLOSING);
  tellService(c);
}

// Client thread `owner` is gone: its idle connections are ended at their services, its dropped
// ones let go. Ones with a message in flight end when that message completes (completion.ts).
export function releaseConnectionsOf(owner: u32): void {
  for (let c: u32 = 0; c < CONNECTION_MAX; c++) {
    if (connectionOwner(c) != owner) continue;
    const s = connectionState(c);
    if (s == C_IDLE) endConnection(c);
    else if (s == C_DROPPED) letGo(c);
    else if (s == C_STALE) closeConnection(c);
  }
}

// How many connections are TELL_PENDING, so the SFN call path looks no further when none is.
let waiting: u32 = 0;
@inline export function tellsWaiting(): u32 { return waiting; }

function tellService(c: u32): void {
  setConnectionTell(c, TELL_PENDING);
  waiting++;
  setDue(DUE_DISCONNECT);
}

// Connection c's disconnect goes now, in message slot `slot` (the service's SPM slot).
export function openTell(c: u32, slot: u32): void {
  waiting--;
  setConnectionTell(c, TELL_SENT);
  openMessage(slot, PSA_IPC_DISCONNECT, connectionClient(c), connectionService(c), c, 0, 0);
}

// Connection c's service is not serving (dead): there is no one to tell, so it is told.
export function toldAtOnce(c: u32): void {
  waiting--;
  told(c);
}

// The service has answered (or, dead, will never answer) the SPM's DISCONNECT in `slot`.
export function answered(slot: u32): void {
  const c = messageConnection(slot);
  setMessageState(slot, M_FREE);
  told(c);
}

function told(c: u32): void {
  setConnectionTell(c, TELL_NONE);
  if (connectionState(c) == C_CLOSING) closeConnection(c);
}
