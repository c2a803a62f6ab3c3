// Where each module's linear memory sits in the system address space. The boot code fills this
// in once (spm_set_memory) because only the linker knows the addresses; after boot it is read-only.
import { PARTITION_COUNT } from "bulkhead/spm_tables";
import { PARTITION_DATA_BASE, PSA_MSG_SLOT } from "../psa/abi";
import { partitionUnprivileged } from "../mpu/driver";
import { platform_partition_access_ok } from "./platform";

// Row 0 is the SPM itself, row 1 + i partition i: { base: u32, size: u32 }.
const MEMORY_TABLE = memory.data(<i32>(PARTITION_COUNT + 1) * 8);

export const SPM_MEMORY: u32 = 0;

export function setMemory(row: u32, base: u32, size: u32): bool {
  if (row > PARTITION_COUNT) return false;
  store<u32>(MEMORY_TABLE + (<usize>row << 3), base);
  store<u32>(MEMORY_TABLE + (<usize>row << 3), size, 4);
  return true;
}

@inline
export function memoryBase(row: u32): u32 {
  return load<u32>(MEMORY_TABLE + (<usize>row << 3));
}

@inline
export function memorySize(row: u32): u32 {
  return load<u32>(MEMORY_TABLE + (<usize>row << 3), 4);
}

// System address of an offset in the SPM's own linear memory.
@inline
export function spmAddress(offset: usize): u32 {
  return memoryBase(SPM_MEMORY) + <u32>offset;
}

// System address of a partition's psa_msg_t slot. Unchecked: the build gives every module at
// least 1024 bytes (static data starts there), so the slot is always inside.
@inline
export function partitionMsgSlot(partition: u32): u32 {
  return memoryBase(partition + 1) + PSA_MSG_SLOT;
}

// System address of [offset, offset+len) in a partition's linear memory, or 0 when the range
// leaves that memory or starts below its static data, NULL included (the partition handed the
// SPM a bad buffer). An unprivileged partition is
// the one running whenever the SPM acts for it, so the MPU regions loaded now are its own, and
// the platform confirms that its code could reach the range itself (FF-M isolation: "the
// platform helps check the caller's memory").
export function partitionAddress(partition: u32, offset: u32, len: u32): u32 {
  const row = partition + 1;
  const size = memorySize(row);
  if (offset < PARTITION_DATA_BASE || offset > size || len > size - offset) return 0;
  const addr = memoryBase(row) + offset;
  if (partitionUnprivileged(partition) && !platform_partition_access_ok(addr, len)) return 0;
  return addr;
}
