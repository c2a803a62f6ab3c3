// Interrupt conformance partition: the SSE-200's CMSDK timers, TIMER0 handled as a SLIH and
// TIMER1 as a FLIH. Types below 20 use the API as FF-M allows; from 20 up each breaks one rule.
import { CONF_TIMER0_IRQ_SIGNAL, CONF_TIMER1_IRQ_SIGNAL } from "psa_manifest/conf_sp_irq";
import { TIMER0, TIMER1, timerAcknowledge, timerStart, timerStop } from "bulkhead/lib/cmsdk_timer";
import { mmio_read32, mmio_write32 } from "bulkhead/psa/mmio";
import {
  PSA_BLOCK, PSA_FLIH_NO_SIGNAL, PSA_FLIH_SIGNAL, PSA_POLL, psa_eoi, psa_flih_result_t, psa_irq_disable,
  psa_irq_enable, psa_msg_t, psa_reset_signal, psa_wait,
} from "bulkhead/psa/service";

const TICKS: u32 = 0x2000;
const FLIH_TICKS_PER_SIGNAL: u32 = 3;

let flihTicks: u32 = 0;
let flihTraps = false;
let flihBlocks = false;

// Interrupt context: acknowledge the timer, signal the partition every third tick.
export function conf_timer1_irq_flih(): psa_flih_result_t {
  timerAcknowledge(TIMER1);
  if (flihTraps) unreachable();
  if (flihBlocks) psa_wait(CONF_TIMER0_IRQ_SIGNAL, PSA_BLOCK);
  flihTicks++;
  return flihTicks % FLIH_TICKS_PER_SIGNAL == 0 ? PSA_FLIH_SIGNAL : PSA_FLIH_NO_SIGNAL;
}

// SLIH: psa_wait blocks until the interrupt; psa_eoi re-enables the line.
function slihBlocking(): i32 {
  timerStart(TIMER0, TICKS);
  psa_irq_enable(CONF_TIMER0_IRQ_SIGNAL);
  const got = psa_wait(CONF_TIMER0_IRQ_SIGNAL, PSA_BLOCK);
  timerStop(TIMER0);
  psa_eoi(CONF_TIMER0_IRQ_SIGNAL);
  const wasEnabled = psa_irq_disable(CONF_TIMER0_IRQ_SIGNAL);
  return (got == CONF_TIMER0_IRQ_SIGNAL ? 10 : 0) + <i32>wasEnabled;
}

function flih(): i32 {
  flihTicks = 0;
  timerStart(TIMER1, TICKS);
  psa_irq_enable(CONF_TIMER1_IRQ_SIGNAL);
  psa_wait(CONF_TIMER1_IRQ_SIGNAL, PSA_BLOCK);
  timerStop(TIMER1);
  psa_irq_disable(CONF_TIMER1_IRQ_SIGNAL);
  psa_reset_signal(CONF_TIMER1_IRQ_SIGNAL);
  return <i32>flihTicks;
}

// The interrupt arrives while NS code runs; a later call sees it.
function poll(): i32 {
  if (psa_wait(CONF_TIMER0_IRQ_SIGNAL, PSA_POLL) == 0) return 0;
  timerStop(TIMER0);
  psa_eoi(CONF_TIMER0_IRQ_SIGNAL);
  psa_irq_disable(CONF_TIMER0_IRQ_SIGNAL);
  return 1;
}

function misuse(type: i32): i32 {
  switch (type) {
    case 20: psa_eoi(CONF_TIMER0_IRQ_SIGNAL); break;
    case 21: psa_eoi(CONF_TIMER1_IRQ_SIGNAL); break;
    case 22: psa_reset_signal(CONF_TIMER0_IRQ_SIGNAL); break;
    case 23: psa_irq_enable(1 << 30); break;
    case 24: psa_irq_enable(CONF_TIMER0_IRQ_SIGNAL | CONF_TIMER1_IRQ_SIGNAL); break;
    case 25: mmio_read32(0x50002000); break; // the dual timer: not in this manifest
    case 26: mmio_write32(TIMER0 + 2, 0); break;
    case 27: flihTraps = true; flih(); break; // the FLIH traps in interrupt context
    case 28: psa_irq_enable(CONF_TIMER1_IRQ_SIGNAL); flihBlocks = true; timerStart(TIMER1, TICKS); psa_wait(CONF_TIMER1_IRQ_SIGNAL, PSA_BLOCK); break;
  }
  return 0;
}

export function conf_irq_service_sfn(msg: psa_msg_t): i32 {
  switch (msg.type) {
    case 1: return slihBlocking();
    case 2: return flih();
    case 3: timerStart(TIMER0, TICKS); psa_irq_enable(CONF_TIMER0_IRQ_SIGNAL); return 0;
    case 4: return poll();
    case 5: return <i32>psa_irq_disable(CONF_TIMER0_IRQ_SIGNAL);
    default: return misuse(msg.type);
  }
}
