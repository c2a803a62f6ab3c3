// SFN-model conformance partition. What a call does depends on its type (see ops in the NS suite).
import { CONF_HELPER_SERVICE_HANDLE, CONF_VICTIM_SERVICE_HANDLE } from "psa_manifest/sid";
import { CONF_SP_SFN } from "psa_manifest/pid";
import { PSA_IPC_CALL, psa_call, psa_invec } from "bulkhead/psa/client";
import {
  PSA_BLOCK, PSA_DOORBELL, PSA_ERROR_PROGRAMMER_ERROR, PSA_IPC_CONNECT, PSA_IPC_DISCONNECT, PSA_POLL, PSA_SUCCESS,
  psa_clear, psa_msg_t, psa_notify, psa_read, psa_skip, psa_wait, psa_write,
} from "bulkhead/psa/service";

const buf = memory.data(256);
const vec = memory.data(8);
let initResult: i32 = -1;
let connections: i32 = 0;

function callHelper(): i32 {
  store<u32>(buf, 0x01020304);
  const v = changetype<psa_invec>(vec);
  v.base = buf;
  v.len = 4;
  return psa_call(CONF_HELPER_SERVICE_HANDLE, PSA_IPC_CALL, vec, 1, 0, 0);
}

// Boot order: the helper must be serving already.
export function conf_sfn_init(): i32 {
  initResult = callHelper();
  return PSA_SUCCESS;
}

// Reads every input vector whole and writes, to output 0, each input's length and first byte;
// replies with the total input length.
function gather(msg: psa_msg_t): i32 {
  let total = 0;
  let at: u32 = 0;
  for (let i: u32 = 0; i < 4; i++) {
    const n = <u32>psa_read(msg.handle, i, buf + 128, 128);
    store<u8>(buf + at, <u8>n);
    store<u8>(buf + at + 1, n > 0 ? load<u8>(buf + 128) : 0);
    at += 2;
    total += n;
  }
  const room = <u32>msg.out_size(0);
  psa_write(msg.handle, 0, buf, room < at ? room : at);
  return total;
}

function serve(msg: psa_msg_t): i32 {
  switch (msg.type) {
    case 1: return gather(msg);
    case 2: return PSA_ERROR_PROGRAMMER_ERROR;
    case 3: return <i32>msg.client_id;
    case 4: return initResult;
    case 5: psa_notify(CONF_SP_SFN); return PSA_SUCCESS;
    case 6: {
      const s = psa_wait(PSA_DOORBELL, PSA_POLL);
      if (s & PSA_DOORBELL) psa_clear();
      return <i32>s;
    }
    case 7: return callHelper();
    case 8: return <i32>psa_skip(msg.handle, 0, 3) * 100 + <i32>psa_read(msg.handle, 0, buf, 64);
    // A call to a service that is not among this partition's dependencies: it is panicked.
    case 9: return psa_call(CONF_VICTIM_SERVICE_HANDLE, PSA_IPC_CALL, 0, 0, 0, 0);
    // The connections the service believes open: CONNECTs it accepted less DISCONNECTs it got.
    case 10: return connections;
    // NULL, and the reserved area below static data, handed to the SPM (partition-misuse.test.ts).
    case 11: return psa_call(CONF_HELPER_SERVICE_HANDLE, PSA_IPC_CALL, 0, 1, 0, 0);
    case 12: {
      const v = changetype<psa_invec>(vec);
      v.base = 0;
      v.len = 4;
      return psa_call(CONF_HELPER_SERVICE_HANDLE, PSA_IPC_CALL, vec, 1, 0, 0);
    }
    case 13: return <i32>psa_read(msg.handle, 0, 0, 4);
    case 14: psa_write(msg.handle, 0, 0, 4); return 0;
    case 15: return <i32>psa_read(msg.handle, 0, 512, 4);
    // FF-M 1.1 psa_wait: timeout bits 30:0 are reserved and ignored; only PSA_BLOCK decides.
    // The psa_msg_t is the partition's own to overwrite; the reply still reaches the client.
    case 18: memory.fill(changetype<usize>(msg), 0, offsetof<psa_msg_t>()); return 18;
    case 16: return <i32>psa_wait(PSA_DOORBELL, 0x00001234);
    case 17: {
      psa_notify(CONF_SP_SFN);
      const s = psa_wait(PSA_DOORBELL, PSA_BLOCK | 0x00001234);
      if (s & PSA_DOORBELL) psa_clear();
      return <i32>s;
    }
    default: return -1;
  }
}

export function conf_sfn_stateless_sfn(msg: psa_msg_t): i32 {
  return serve(msg);
}

export function conf_sfn_connected_sfn(msg: psa_msg_t): i32 {
  if (msg.type == PSA_IPC_CONNECT) {
    if (connections == 2) return -130; // PSA_ERROR_CONNECTION_REFUSED: two at a time
    connections++;
    return PSA_SUCCESS;
  }
  if (msg.type == PSA_IPC_DISCONNECT) {
    connections--;
    return PSA_SUCCESS;
  }
  return serve(msg);
}
