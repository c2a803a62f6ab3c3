// The SSE-200's CMSDK timers (secure aliases), as a partition that owns one in its mmio_regions
// drives it: count down from `ticks` and interrupt, then stop and acknowledge.
import { mmio_write32 } from "bulkhead/psa/mmio";

export const TIMER0: u32 = 0x50000000;
export const TIMER1: u32 = 0x50001000;
const CTRL: u32 = 0x0;
const RELOAD: u32 = 0x8;
const INTCLEAR: u32 = 0xc;
const ENABLE_WITH_IRQ: u32 = 0x9;

export function timerStart(timer: u32, ticks: u32): void {
  mmio_write32(timer + RELOAD, ticks);
  mmio_write32(timer + CTRL, ENABLE_WITH_IRQ);
}

// Clears the interrupt only: the timer runs on (a FLIH acknowledging each period).
export function timerAcknowledge(timer: u32): void {
  mmio_write32(timer + INTCLEAR, 1);
}

export function timerStop(timer: u32): void {
  mmio_write32(timer + CTRL, 0);
  timerAcknowledge(timer);
}
