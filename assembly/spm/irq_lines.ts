// Interrupt lines as partitions own them: enabled at boot for FF-M 1.0 partitions, silenced for
// good when their partition dies.
import { IRQ_COUNT } from "bulkhead/spm_tables";
import { platform_irq_disable, platform_irq_enable } from "./platform";
import { IRQ_ENABLED_AT_BOOT, irqFlags, irqLine, irqPartition } from "./tables";

// FF-M 1.0 partitions find their interrupts enabled; 1.1 partitions enable them themselves.
export function enableBootIrqs(): void {
  for (let r: u32 = 0; r < IRQ_COUNT; r++) {
    if (irqFlags(r) & IRQ_ENABLED_AT_BOOT) platform_irq_enable(irqLine(r));
  }
}

// A dead partition's interrupts never fire again.
export function disableIrqsOf(p: u32): void {
  for (let r: u32 = 0; r < IRQ_COUNT; r++) {
    if (irqPartition(r) == p) platform_irq_disable(irqLine(r));
  }
}
