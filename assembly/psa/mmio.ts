// Device registers for partitions (bulkhead): a Wasm partition has no pointers outside its own
// memory, so it reads and writes the registers of its manifest's mmio_regions through the SPM,
// which checks each access. Addresses are the board's (secure alias), 4-byte aligned.
@external("psa", "bulkhead_mmio_read32")
export declare function mmio_read32(addr: u32): u32;

@external("psa", "bulkhead_mmio_write32")
export declare function mmio_write32(addr: u32, value: u32): void;
