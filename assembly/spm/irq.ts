// Interrupts. A manifest's irqs give a partition one interrupt signal each. SLIH: when the line
// fires the SPM asserts the signal and disables the line until the partition's psa_eoi. FLIH: the
// SPM runs the partition's <name>_flih function in interrupt context and asserts the signal only
// when it returns PSA_FLIH_SIGNAL; the line stays enabled and psa_reset_signal clears the signal.
import { IRQ_COUNT } from "bulkhead/spm_tables";
import { raiseSignals } from "./backend/index";
import { partitionError } from "./verdict";
import { asserted, clearSignals, isDown } from "./partitions";
import {
  platform_flih_call, platform_irq_clear_pending, platform_irq_disable, platform_irq_enable,
} from "./platform";
import { IRQ_FLIH, NO_ROW, irqFlags, irqLine, irqOfLine, irqPartition, irqSignal } from "./tables";
import { callerPartition, endFlih, setFlih } from "./threads";

const PSA_FLIH_SIGNAL: u32 = 1;

// The IRQ row behind the running partition's interrupt signal `signal`; any other value panics it.
function ownIrq(signal: u32, api: string): u32 {
  const p = callerPartition();
  if (signal != 0 && (signal & (signal - 1)) == 0) {
    for (let r: u32 = 0; r < IRQ_COUNT; r++) {
      if (irqPartition(r) == p && (1 << irqSignal(r)) == signal) return r;
    }
  }
  partitionError(api, "irq_signal is not exactly one of the partition's interrupt signals");
  return NO_ROW;
}

export function irqEnable(signal: u32): void {
  const r = ownIrq(signal, "psa_irq_enable");
  if (r != NO_ROW) platform_irq_enable(irqLine(r));
}

// Returns 1 when the interrupt was enabled before the call, 0 when it was not.
export function irqDisable(signal: u32): u32 {
  const r = ownIrq(signal, "psa_irq_disable");
  return r == NO_ROW ? 0 : platform_irq_disable(irqLine(r));
}

// The signal of row r, if it is asserted and handled the way `flih` says; else the partition is panicked.
function assertedOwn(r: u32, signal: u32, flih: bool, api: string): bool {
  if (((irqFlags(r) & IRQ_FLIH) != 0) != flih) {
    partitionError(api, flih ? "irq_signal is not a FLIH interrupt signal" : "irq_signal is a FLIH interrupt signal (use psa_reset_signal)");
    return false;
  }
  if ((asserted(irqPartition(r)) & signal) == 0) {
    partitionError(api, "the signal is not asserted");
    return false;
  }
  return true;
}

export function resetSignal(signal: u32): void {
  const r = ownIrq(signal, "psa_reset_signal");
  if (r == NO_ROW || !assertedOwn(r, signal, true, "psa_reset_signal")) return;
  clearSignals(irqPartition(r), signal);
}

export function eoi(signal: u32): void {
  const r = ownIrq(signal, "psa_eoi");
  if (r == NO_ROW || !assertedOwn(r, signal, false, "psa_eoi")) return;
  clearSignals(irqPartition(r), signal);
  platform_irq_clear_pending(irqLine(r));
  platform_irq_enable(irqLine(r));
}

// The platform's interrupt handler: line `line` fired.
export function handleIrq(line: u32): void {
  const r = irqOfLine(line);
  // A line no partition owns, or one whose partition died, is silenced.
  if (r == NO_ROW || isDown(irqPartition(r))) {
    platform_irq_disable(line);
    return;
  }
  const p = irqPartition(r);
  if (irqFlags(r) & IRQ_FLIH) {
    setFlih(p);
    const result = platform_flih_call(r);
    endFlih();
    if (result != PSA_FLIH_SIGNAL || isDown(p)) return;
  } else {
    platform_irq_disable(line);
  }
  raiseSignals(p, 1 << irqSignal(r));
}
