// NOR flash as a partition drives it through its mmio_regions, with flash's rules whatever the
// memory behind the region is (on the MPS boards under QEMU it is SRAM the linker leaves alone, as
// TF-M's emulated flash is): erased bits read 1, programming only clears bits, and only a whole
// page goes back to 1. Every step is one 32-bit access, the unit a power cut cannot split on the
// host runner's flash model.
import { mmio_read32, mmio_write32 } from "bulkhead/psa/mmio";

export const FLASH_ERASED: u32 = 0xffffffff;

// The one flash region a partition drives (a module, not an object: partitions have no heap).
let base: u32 = 0;
export let flashSize: u32 = 0;
export let flashPageSize: u32 = 0;

export function flashAttach(regionBase: u32, regionSize: u32, pageSize: u32): void {
  base = regionBase;
  flashSize = regionSize;
  flashPageSize = pageSize;
}

export function flashRead(offset: u32): u32 {
  return mmio_read32(base + offset);
}

// Programs one word. False, with nothing written, when `value` needs a 0 bit back at 1 (an
// erase), so a store's bug shows as an error instead of as silently ANDed data.
export function flashProgram(offset: u32, value: u32): bool {
  const old = flashRead(offset);
  if ((old & value) != value) return false;
  if (old != value) mmio_write32(base + offset, value);
  return true;
}

export function flashErase(page: u32): void {
  const start = page * flashPageSize;
  for (let at = start; at < start + flashPageSize; at += 4) {
    if (flashRead(at) != FLASH_ERASED) mmio_write32(base + at, FLASH_ERASED);
  }
}
