// What a client gets back when its message is answered, whichever backend carried it: the
// connection changes state, output lengths are written back, the message slot is freed.
import { IOVEC_SIZE, PSA_IPC_CONNECT, PSA_IPC_DISCONNECT, PSA_MSG_SIZE } from "../psa/abi";
import {
  PSA_ERROR_CONNECTION_BUSY, PSA_ERROR_CONNECTION_REFUSED, PSA_ERROR_PROGRAMMER_ERROR, PSA_SUCCESS,
} from "../psa/status";
import { C_IDLE, NO_CONNECTION, closeConnection, connectionHandle, connectionRhandle, setConnectionState } from "./connections";
import { dropConnection, endConnection, releaseConnectionsOf } from "./disconnect";
import { spmAddress } from "./memory";
import {
  M_ACTIVE, M_FREE, M_ORPHAN, M_QUEUED, OUT_DONE, messageAsPsaMsg, messageConnection, messageOutArray, messageOutCount,
  messageService, messageState, messageType, setMessageState, vecAddress,
} from "./message";
import { unlink } from "./partitions";
import { servicePartition } from "./tables";
import { unmapAll } from "./mm_iovec";
import { platform_mem_copy } from "./platform";

// Returns the value the client's psa_connect / psa_call / psa_close returns.
export function finish(slot: u32, status: i32): i32 {
  const type = messageType(slot);
  const c = messageConnection(slot);
  const orphan = messageState(slot) == M_ORPHAN;
  unmapAll(slot);
  setMessageState(slot, M_FREE);
  if (type == PSA_IPC_CONNECT) {
    if (status != PSA_SUCCESS) closeConnection(c);
    else if (!orphan) {
      setConnectionState(c, C_IDLE);
      return connectionHandle(c);
    } else endConnection(c); // the service took a client that is gone
    return status;
  }
  if (type == PSA_IPC_DISCONNECT) {
    closeConnection(c);
    return PSA_SUCCESS;
  }
  if (orphan) {
    if (c != NO_CONNECTION) endConnection(c);
    return status;
  }
  // FF-M: each psa_outvec.len now tells how many bytes the service wrote.
  const outArray = messageOutArray(slot);
  const outCount = messageOutCount(slot);
  for (let i: u32 = 0; i < outCount; i++) {
    platform_mem_copy(outArray + i * IOVEC_SIZE + 4, spmAddress(vecAddress(slot, OUT_DONE, i)), 4);
  }
  // A PROGRAMMER_ERROR reply drops the connection: only psa_close is left to its client, and the
  // service gets its DISCONNECT now.
  if (c != NO_CONNECTION) {
    if (status == PSA_ERROR_PROGRAMMER_ERROR) dropConnection(c);
    else setConnectionState(c, C_IDLE);
  }
  return status;
}

// Client t is gone (its partition died, or its NSCE context was released): its outstanding call
// is withdrawn if not taken yet, else the service's reply goes nowhere; its idle connections close.
export function withdrawClient(t: u32): void {
  const own = messageState(t);
  if (own == M_QUEUED) {
    unlink(servicePartition(messageService(t)), t);
    setMessageState(t, M_ORPHAN);
    finish(t, PSA_ERROR_CONNECTION_REFUSED);
  } else if (own == M_ACTIVE) {
    setMessageState(t, M_ORPHAN);
  }
  releaseConnectionsOf(t);
}

// Writes message `slot` as the psa_msg_t a partition reads, at system address `dst`.
export function writeMsg(slot: u32, dst: u32): void {
  const c = messageConnection(slot);
  platform_mem_copy(dst, spmAddress(messageAsPsaMsg(slot, c == NO_CONNECTION ? 0 : connectionRhandle(c))), PSA_MSG_SIZE);
}

export const CONNECT_REPLY_RULE = "a CONNECT message is answered with PSA_SUCCESS, CONNECTION_REFUSED or CONNECTION_BUSY";

// FF-M's rule for the status that answers a message of `type`.
export function validReply(type: i32, status: i32): bool {
  return type != PSA_IPC_CONNECT || status == PSA_SUCCESS || status == PSA_ERROR_CONNECTION_REFUSED ||
    status == PSA_ERROR_CONNECTION_BUSY;
}
