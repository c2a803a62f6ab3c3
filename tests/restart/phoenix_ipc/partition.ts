// Restartable IPC thread (restarts: 1): type 0 counts calls in RAM, 1 panics.
import { PHOENIX_IPC_SERVICE_SIGNAL } from "psa_manifest/phoenix_ipc";
import { PSA_BLOCK, PSA_SUCCESS, psa_get, psa_msg_t, psa_panic, psa_reply, psa_wait } from "bulkhead/psa/service";

const msgBuf = memory.data(offsetof<psa_msg_t>());
let calls: i32 = 0;

export function phoenix_ipc_main(): void {
  for (;;) {
    psa_wait(PHOENIX_IPC_SERVICE_SIGNAL, PSA_BLOCK);
    psa_get(PHOENIX_IPC_SERVICE_SIGNAL, msgBuf);
    const msg = changetype<psa_msg_t>(msgBuf);
    if (msg.type == 1) psa_panic();
    psa_reply(msg.handle, msg.type == 0 ? calls++ : PSA_SUCCESS);
  }
}
