// What a client gets back when its message is answered, whichever backend carried it: the
// connection changes state, output lengths are written back, the message slot is freed.
import { IOVEC_SIZE, PSA_IPC_CONNECT, PSA_IPC_DISCONNECT, PSA_MSG_SIZE } from "../psa/abi";
import {
  PSA_ERROR_CONNECTION_BUSY, PSA_ERROR_CONNECTION_REFUSED, PSA_ERROR_PROGRAMMER_ERROR, PSA_SUCCESS,
} from "../psa/status";
import { C_IDLE, NO_CONNECTION, closeConnection, connectionHandle, connectionRhandle, setConnectionState } from "./connections";
import { dropConnection, endConnection } from "./disconnect";
import { spmAddress } from "./memory";
import {
  M_FREE, M_ORPHAN, OUT_DONE, messageAsPsaMsg, messageConnection, messageOutArray, messageOutCount, messageState,
  messageType, setMessageState, vecAddress,
} from "./message";
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
