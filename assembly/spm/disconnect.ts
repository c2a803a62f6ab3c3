// The PSA_IPC_DISCONNECT messages the SPM sends on its own. A service learns that a connection
// has ended only from that message, so it must get one however the connection ends: after it
// answered PSA_ERROR_PROGRAMMER_ERROR (FF-M 1.1: the connection is dropped), when the client's
// partition dies, or when the NS side releases an NSCE context that still held connections.
// Without it the service's per-connection state leaks until psa_connect answers BUSY for good.
//
// Each partition has one SPM message slot; a disconnect that finds it busy waits in its
// connection (TELL_PENDING) and goes when the slot is free again. No client waits on these
// messages: the service's reply is taken and dropped.
import { SPM_BACKEND_IPC } from "bulkhead/spm_tables";
import { PSA_IPC_DISCONNECT } from "../psa/abi";
import { canTake } from "./backend/index";
import { postMessage } from "./backend/ipc";
import { runSfn } from "./backend/sfn";
import {
  C_CLOSING, C_DROPPED, C_IDLE, C_STALE, CONNECTION_MAX, NO_CONNECTION, TELL_NONE, TELL_PENDING, TELL_SENT, closeConnection,
  connectionClient, connectionOwner, connectionService, connectionState, letGo, pendingTellTo, setConnectionState,
  setConnectionTell,
} from "./connections";
import { M_FREE, messageConnection, messageService, messageState, openMessage, setMessageState, spmSlot } from "./message";
import { acceptsMessages } from "./partitions";
import { servicePartition } from "./tables";

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

function tellService(c: u32): void {
  setConnectionTell(c, TELL_PENDING);
  waiting++;
  sendPending(servicePartition(connectionService(c)));
}

// SFN: message `slot`'s partition has left the call stack, so it can take the disconnects that
// waited for it.
@inline
export function sendWaiting(slot: u32): void {
  if (waiting != 0) sendPending(servicePartition(messageService(slot)));
}

// Sends partition p's waiting disconnects while its SPM slot is free and it can take a message.
// IPC: one is queued and the slot stays busy until p replies. SFN: each runs to its end here.
// A partition that is not serving (dead) has no one to tell: the connections are told at once.
export function sendPending(p: u32): void {
  const slot = spmSlot(p);
  for (let c = pendingTellTo(p); c != NO_CONNECTION; c = pendingTellTo(p)) {
    const s = connectionService(c);
    if (!acceptsMessages(p)) {
      waiting--;
      told(c);
      continue;
    }
    if (messageState(slot) != M_FREE || !canTake(s)) return;
    waiting--;
    setConnectionTell(c, TELL_SENT);
    openMessage(slot, PSA_IPC_DISCONNECT, connectionClient(c), s, c, 0, 0);
    if (SPM_BACKEND_IPC) {
      postMessage(slot, p);
      return;
    }
    runSfn(slot);
    answered(slot);
  }
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
