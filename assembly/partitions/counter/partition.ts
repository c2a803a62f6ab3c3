// Counter partition (IPC model): a connection-based service. Each connection has its own counter,
// found again on every message through the connection's rhandle; a call adds the u32 it is sent
// and replies with the new total.
import { TFM_COUNTER_SERVICE_SIGNAL } from "psa_manifest/tfm_sp_counter";
import {
  PSA_BLOCK, PSA_ERROR_CONNECTION_BUSY, PSA_ERROR_PROGRAMMER_ERROR, PSA_IPC_CALL, PSA_IPC_CONNECT,
  PSA_IPC_DISCONNECT, PSA_SUCCESS, psa_get, psa_msg_t, psa_read, psa_reply, psa_set_rhandle, psa_wait,
  psa_write,
} from "bulkhead/psa/service";

const MAX_CONNECTIONS: u32 = 4;
const counters = memory.data(<i32>(MAX_CONNECTIONS * 4));
const inUse = memory.data(<i32>MAX_CONNECTIONS);
const msgBuf = memory.data(offsetof<psa_msg_t>());
const word = memory.data(4);

function connect(msg: psa_msg_t): i32 {
  for (let i: u32 = 0; i < MAX_CONNECTIONS; i++) {
    if (load<u8>(inUse + i) == 0) {
      store<u8>(inUse + i, 1);
      store<u32>(counters + (<usize>i << 2), 0);
      // rhandle 0 means "none", so slots are numbered from 1.
      psa_set_rhandle(msg.handle, i + 1);
      return PSA_SUCCESS;
    }
  }
  return PSA_ERROR_CONNECTION_BUSY;
}

function add(msg: psa_msg_t): i32 {
  if (msg.in_size(0) != 4 || msg.out_size(0) < 4) return PSA_ERROR_PROGRAMMER_ERROR;
  psa_read(msg.handle, 0, word, 4);
  const at = counters + ((msg.rhandle - 1) << 2);
  const total = load<u32>(at) + load<u32>(word);
  store<u32>(at, total);
  store<u32>(word, total);
  psa_write(msg.handle, 0, word, 4);
  return PSA_SUCCESS;
}

export function tfm_counter_main(): void {
  for (;;) {
    const signals = psa_wait(TFM_COUNTER_SERVICE_SIGNAL, PSA_BLOCK);
    if ((signals & TFM_COUNTER_SERVICE_SIGNAL) == 0) continue;
    psa_get(TFM_COUNTER_SERVICE_SIGNAL, msgBuf);
    const msg = changetype<psa_msg_t>(msgBuf);
    let status = PSA_SUCCESS;
    if (msg.type == PSA_IPC_CONNECT) status = connect(msg);
    else if (msg.type == PSA_IPC_DISCONNECT) store<u8>(inUse + msg.rhandle - 1, 0);
    else if (msg.type == PSA_IPC_CALL) status = add(msg);
    else status = PSA_ERROR_PROGRAMMER_ERROR;
    psa_reply(msg.handle, status);
  }
}
