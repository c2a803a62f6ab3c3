// An IPC thread that, after a message of type 1, never waits again (a HIGH-priority thread: it
// would starve every lower-priority thread and the NS side for good).
import { RUNAWAY_IPC_SERVICE_SIGNAL } from "psa_manifest/runaway_ipc";
import { PSA_BLOCK, PSA_DOORBELL, PSA_SUCCESS, psa_get, psa_msg_t, psa_reply, psa_wait } from "bulkhead/psa/service";

const msgBuf = memory.data(offsetof<psa_msg_t>());
const counter = memory.data(4);

function work(iterations: u32): void {
  for (let i: u32 = 0; i < iterations; i++) store<u32>(counter, load<u32>(counter) + 1);
}

export function runaway_ipc_main(): void {
  for (;;) {
    psa_wait(RUNAWAY_IPC_SERVICE_SIGNAL, PSA_BLOCK);
    psa_get(RUNAWAY_IPC_SERVICE_SIGNAL, msgBuf);
    const msg = changetype<psa_msg_t>(msgBuf);
    if (msg.type == 1) {
      for (;;) work(1);
    }
    // Never replies, and waits for a doorbell no one rings: with the client blocked too, nothing
    // can ever run again.
    if (msg.type == 2) psa_wait(PSA_DOORBELL, PSA_BLOCK);
    if (msg.type >= 0) work(300000);
    psa_reply(msg.handle, PSA_SUCCESS);
  }
}
