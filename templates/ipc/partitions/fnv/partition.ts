// The FNV service: a connection-based service that keeps, per connection, the 32-bit FNV-1a hash
// of every byte the client has sent on it. A call sends bytes in its first input vector and gets
// the running hash back in its first output vector. The connection's state is found again on
// each message through its rhandle.
import { FNV_SERVICE_SIGNAL } from "psa_manifest/tfm_sp_fnv";
import {
  PSA_BLOCK, PSA_ERROR_BUFFER_TOO_SMALL, PSA_ERROR_CONNECTION_BUSY, PSA_ERROR_PROGRAMMER_ERROR, PSA_IPC_CALL,
  PSA_IPC_CONNECT, PSA_IPC_DISCONNECT, PSA_SUCCESS, psa_get, psa_msg_t, psa_read, psa_reply, psa_set_rhandle,
  psa_wait, psa_write,
} from "bulkhead/psa/service";

const FNV_OFFSET: u32 = 0x811c9dc5;
const FNV_PRIME: u32 = 0x01000193;
const CONNECTIONS: u32 = 4;
const CHUNK: u32 = 64;

const hashes = memory.data(<i32>(CONNECTIONS * 4));
const inUse = memory.data(<i32>CONNECTIONS);
const chunk = memory.data(<i32>CHUNK);
const msgBuf = memory.data(offsetof<psa_msg_t>());

function connect(msg: psa_msg_t): i32 {
  for (let i: u32 = 0; i < CONNECTIONS; i++) {
    if (load<u8>(inUse + i) == 0) {
      store<u8>(inUse + i, 1);
      store<u32>(hashes + (<usize>i << 2), FNV_OFFSET);
      psa_set_rhandle(msg.handle, i + 1); // 0 is "no rhandle"
      return PSA_SUCCESS;
    }
  }
  return PSA_ERROR_CONNECTION_BUSY;
}

function update(msg: psa_msg_t): i32 {
  if (msg.out_size(0) < 4) return PSA_ERROR_BUFFER_TOO_SMALL;
  const at = hashes + ((msg.rhandle - 1) << 2);
  let h = load<u32>(at);
  // psa_read moves the read position on: the input is taken a chunk at a time, any length.
  for (let n = <u32>psa_read(msg.handle, 0, chunk, CHUNK); n > 0; n = <u32>psa_read(msg.handle, 0, chunk, CHUNK)) {
    for (let i: u32 = 0; i < n; i++) h = (h ^ load<u8>(chunk + i)) * FNV_PRIME;
  }
  store<u32>(at, h);
  store<u32>(chunk, h);
  psa_write(msg.handle, 0, chunk, 4);
  return PSA_SUCCESS;
}

export function fnv_main(): void {
  for (;;) {
    if ((psa_wait(FNV_SERVICE_SIGNAL, PSA_BLOCK) & FNV_SERVICE_SIGNAL) == 0) continue;
    psa_get(FNV_SERVICE_SIGNAL, msgBuf);
    const msg = changetype<psa_msg_t>(msgBuf);
    let status = PSA_SUCCESS;
    if (msg.type == PSA_IPC_CONNECT) status = connect(msg);
    else if (msg.type == PSA_IPC_DISCONNECT) store<u8>(inUse + msg.rhandle - 1, 0);
    else if (msg.type == PSA_IPC_CALL) status = update(msg);
    else status = PSA_ERROR_PROGRAMMER_ERROR;
    psa_reply(msg.handle, status);
  }
}
