// IPC-model conformance partition: one thread, psa_wait / psa_get / psa_reply by hand.
import { CONF_IPC_CONNECTED_SIGNAL, CONF_IPC_STATELESS_SIGNAL, CONF_S32K_IRQ_SIGNAL } from "psa_manifest/conf_sp_ipc";
import { mmio_write32 } from "bulkhead/psa/mmio";
import { CONF_HELPER_SERVICE_HANDLE } from "psa_manifest/sid";
import { PSA_IPC_CALL, psa_call, psa_invec } from "bulkhead/psa/client";
import {
  PSA_BLOCK, PSA_DOORBELL, PSA_ERROR_PROGRAMMER_ERROR, PSA_IPC_CONNECT, PSA_IPC_DISCONNECT, PSA_POLL,
  PSA_SUCCESS, PSA_WAIT_ANY, psa_eoi, psa_get, psa_irq_enable, psa_msg_t, psa_panic, psa_read, psa_reply, psa_set_rhandle, psa_wait, psa_write,
} from "bulkhead/psa/service";

const msgBuf = memory.data(offsetof<psa_msg_t>());
const buf = memory.data(64);
const vec = memory.data(8);
let nextRhandle: u32 = 100;
let connections: i32 = 0;
// The SSE-200's S32K timer: its interrupt wakes this thread while NS code runs.
const S32K_TIMER: u32 = 0x5002f000;
let timerInterrupts: i32 = 0;

function handle(msg: psa_msg_t): i32 {
  if (msg.type == PSA_IPC_CONNECT) {
    psa_set_rhandle(msg.handle, nextRhandle++);
    connections++;
    return PSA_SUCCESS;
  }
  if (msg.type == PSA_IPC_DISCONNECT) {
    connections--;
    return PSA_SUCCESS;
  }
  switch (msg.type) {
    case 1: return <i32>msg.rhandle;
    case 2: return PSA_ERROR_PROGRAMMER_ERROR;
    case 3: {
      // Secure-to-secure call from an IPC thread (blocks this thread until the helper answers).
      store<u32>(buf, 0x05050505);
      const v = changetype<psa_invec>(vec);
      v.base = buf;
      v.len = 4;
      return psa_call(CONF_HELPER_SERVICE_HANDLE, PSA_IPC_CALL, vec, 1, 0, 0);
    }
    case 4: return <i32>psa_wait(PSA_DOORBELL, PSA_POLL);
    case 5: {
      const n = <u32>psa_read(msg.handle, 0, buf, 64);
      psa_write(msg.handle, 0, buf, n);
      return <i32>n;
    }
    case 6: psa_panic(); return 0;
    // psa_reply twice: the second names a message no longer being served.
    case 7: psa_reply(msg.handle, PSA_SUCCESS); psa_reply(msg.handle, PSA_SUCCESS); return 0;
    case 8: {
      mmio_write32(S32K_TIMER + 0x8, 4);
      mmio_write32(S32K_TIMER, 0x9);
      psa_irq_enable(CONF_S32K_IRQ_SIGNAL);
      return 0;
    }
    case 9: return timerInterrupts;
    case 10: return connections;
    default: return -1;
  }
}

export function conf_ipc_main(): void {
  const all = CONF_IPC_CONNECTED_SIGNAL | CONF_IPC_STATELESS_SIGNAL | CONF_S32K_IRQ_SIGNAL;
  for (;;) {
    // PSA_WAIT_ANY: the SPM narrows the mask to this partition's own signals.
    const signals = psa_wait(PSA_WAIT_ANY, PSA_BLOCK);
    // Anything but this partition's asserted signals would be an SPM bug: stop serving, so the
    // suite's IPC cases fail.
    if (signals == 0 || (signals & ~all) != 0) psa_panic();
    if (signals & CONF_S32K_IRQ_SIGNAL) {
      mmio_write32(S32K_TIMER, 0);
      mmio_write32(S32K_TIMER + 0xc, 1);
      psa_eoi(CONF_S32K_IRQ_SIGNAL);
      timerInterrupts++;
      continue;
    }
    const signal = (signals & CONF_IPC_CONNECTED_SIGNAL) ? CONF_IPC_CONNECTED_SIGNAL : CONF_IPC_STATELESS_SIGNAL;
    psa_get(signal, msgBuf);
    const msg = changetype<psa_msg_t>(msgBuf);
    psa_reply(msg.handle, handle(msg));
  }
}
