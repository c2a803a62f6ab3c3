// A slow sensor (IPC model): a read starts the board's timer and waits for its interrupt before
// replying, so the calling NS task stays inside its secure call for a while; meanwhile NS tasks
// of other NSCE groups call services in their own contexts. Replies with the caller's client ID.
import { DEMO_SENSOR_IRQ_SIGNAL, DEMO_SENSOR_SERVICE_SIGNAL } from "psa_manifest/demo_sp_sensor";
import { TIMER0, timerStart, timerStop } from "bulkhead/lib/cmsdk_timer";
import {
  PSA_BLOCK, PSA_SUCCESS, psa_eoi, psa_get, psa_irq_enable, psa_msg_t, psa_reply, psa_wait, psa_write,
} from "bulkhead/psa/service";

// About 2.6 ms of the 25 MHz timer: several NS scheduler ticks pass meanwhile.
const TICKS: u32 = 0x10000;

const msgBuf = memory.data(offsetof<psa_msg_t>());
const word = memory.data(4);

function measure(): void {
  timerStart(TIMER0, TICKS);
  psa_wait(DEMO_SENSOR_IRQ_SIGNAL, PSA_BLOCK);
  timerStop(TIMER0);
  psa_eoi(DEMO_SENSOR_IRQ_SIGNAL);
}

export function demo_sensor_main(): void {
  psa_irq_enable(DEMO_SENSOR_IRQ_SIGNAL);
  for (;;) {
    psa_wait(DEMO_SENSOR_SERVICE_SIGNAL, PSA_BLOCK);
    psa_get(DEMO_SENSOR_SERVICE_SIGNAL, msgBuf);
    const msg = changetype<psa_msg_t>(msgBuf);
    measure();
    store<i32>(word, msg.client_id);
    psa_write(msg.handle, 0, word, 4);
    psa_reply(msg.handle, PSA_SUCCESS);
  }
}
