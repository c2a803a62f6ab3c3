// Device registers for partitions. A Wasm partition cannot form a pointer outside its own linear
// memory, so it reaches the regions its manifest lists (mmio_regions) through the SPM, which
// checks every access against them: a partition touches only its own devices, at any isolation
// level.
import { MMIO_COUNT } from "bulkhead/spm_tables";
import { partitionError } from "./verdict";
import { platform_mmio_read32, platform_mmio_write32 } from "./platform";
import { mmioBase, mmioPartition, mmioSize, mmioWritable } from "./tables";
import { callerPartition } from "./threads";

function permitted(addr: u32, write: bool, api: string): bool {
  if (addr & 3) {
    partitionError(api, "the register address is not 4-byte aligned");
    return false;
  }
  const p = callerPartition();
  for (let r: u32 = 0; r < MMIO_COUNT; r++) {
    if (mmioPartition(r) != p || addr - mmioBase(r) > mmioSize(r) - 4) continue;
    if (write && !mmioWritable(r)) {
      partitionError(api, "the region is READ-ONLY in the partition's manifest");
      return false;
    }
    return true;
  }
  partitionError(api, "the address is outside the partition's mmio_regions");
  return false;
}

export function mmioRead32(addr: u32): u32 {
  return permitted(addr, false, "mmio_read32") ? platform_mmio_read32(addr) : 0;
}

export function mmioWrite32(addr: u32, value: u32): void {
  if (permitted(addr, true, "mmio_write32")) platform_mmio_write32(addr, value);
}
