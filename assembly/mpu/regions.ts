// PMSAv8 region types (FF-M isolation design, "MPU Region Access Permission") and how one
// becomes the RBAR/RLAR pair the MPU takes. P_* regions are for privileged code only, A_* for
// any privilege; XN: never executable; PXN (Armv8.1-M): not executable by privileged code.
export const P_RO: u32 = 0;
export const P_ROXN: u32 = 1;
export const P_RWXN: u32 = 2;
export const A_RO: u32 = 3;
export const A_ROXN: u32 = 4;
export const A_RWXN: u32 = 5;
export const A_ROPXN: u32 = 6;

// RBAR.AP: bit 2 read-only, bit 1 unprivileged access too.
const AP_RW_PRIV: u32 = 0;
const AP_RW_ANY: u32 = 1;
const AP_RO_PRIV: u32 = 2;
const AP_RO_ANY: u32 = 3;

function accessOf(t: u32): u32 {
  switch (t) {
    case P_RO: case P_ROXN: return AP_RO_PRIV;
    case P_RWXN: return AP_RW_PRIV;
    case A_RWXN: return AP_RW_ANY;
    default: return AP_RO_ANY;
  }
}

@inline export function executeNever(t: u32): bool { return t == P_ROXN || t == P_RWXN || t == A_ROXN || t == A_RWXN; }
@inline export function privilegedExecuteNever(t: u32): bool { return t == A_ROPXN; }

// MAIR attribute indexes: Attr0 normal memory (write-back, read/write-allocate), Attr1 device
// (nGnRE) for peripherals.
export const ATTR_MEMORY: u32 = 0;
export const ATTR_DEVICE: u32 = 1;
export const MAIR0: u32 = 0x000004ff;

// PMSAv8 regions start and end on 32-byte boundaries.
export const GRANULE: u32 = 32;

@inline export function aligned(v: u32): bool { return (v & (GRANULE - 1)) == 0; }

export function rbar(t: u32, base: u32): u32 {
  return (base & ~(GRANULE - 1)) | (accessOf(t) << 1) | (executeNever(t) ? 1 : 0);
}

// end is exclusive; RLAR.LIMIT names the last 32-byte block. Bit 0 enables the region.
export function rlar(t: u32, end: u32, attr: u32): u32 {
  return ((end - 1) & ~(GRANULE - 1)) | (privilegedExecuteNever(t) ? 1 << 4 : 0) | (attr << 1) | 1;
}
