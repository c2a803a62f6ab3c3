/**
 * The host model of the secure PMSAv8 MPU, programmed through the SPM's platform imports as the
 * target's registers are: RBAR (base, AP, XN), RLAR (limit, PXN, AttrIndx, enable), MAIR0, and
 * MPU_CTRL with PRIVDEFENA. An access is checked as the target checks it: the one enabled region
 * holding the address decides (two regions holding it is a fault), and where none does,
 * privileged code gets the default memory map and unprivileged code a fault.
 */
export type Access = "read" | "write" | "execute";

/** A refused access: what the fault handler would read (CFSR bits of a MemManage fault). */
export interface MpuFault {
  address: number;
  status: number;
}

const CFSR_IACCVIOL = 0x01;
const CFSR_DACCVIOL = 0x02;
const CFSR_MMARVALID = 0x80;
const REGIONS = 16;

/** The Armv8-M default memory map: peripheral and device space is never executable. */
function defaultExecutable(addr: number): boolean {
  return addr < 0x40000000 || (addr >= 0x60000000 && addr < 0xa0000000);
}

export class Mpu {
  private readonly rbar = new Uint32Array(REGIONS);
  private readonly rlar = new Uint32Array(REGIONS);
  private enabled = false;
  mair0 = 0;

  setRegion(rnr: number, rbar: number, rlar: number): void {
    this.rbar[rnr] = rbar;
    this.rlar[rnr] = rlar;
  }

  configure(mair0: number): void {
    this.mair0 = mair0 >>> 0;
    this.enabled = true;
  }

  /** undefined when code of that privilege may make the access to all of [addr, addr+len). */
  check(addr: number, len: number, access: Access, privileged: boolean): MpuFault | undefined {
    if (!this.enabled) return undefined;
    // Regions are 32-byte granular: checking each 32-byte block of the range covers it.
    for (let a = addr - (addr % 32); a < addr + Math.max(len, 1); a += 32) {
      if (!this.allowed(Math.max(a, addr), access, privileged)) {
        const at = Math.max(a, addr) >>> 0;
        return access === "execute" ? { address: at, status: CFSR_IACCVIOL } : { address: at, status: CFSR_MMARVALID | CFSR_DACCVIOL };
      }
    }
    return undefined;
  }

  private allowed(addr: number, access: Access, privileged: boolean): boolean {
    const hits: number[] = [];
    for (let r = 0; r < REGIONS; r++) {
      const base = (this.rbar[r] & ~31) >>> 0;
      const limit = ((this.rlar[r] & ~31) | 31) >>> 0;
      if (this.rlar[r] & 1 && addr >= base && addr <= limit) hits.push(r);
    }
    if (hits.length > 1) return false;
    if (hits.length === 0) return privileged && (access !== "execute" || defaultExecutable(addr));
    const rbar = this.rbar[hits[0]];
    const ap = (rbar >>> 1) & 3;
    const xn = rbar & 1;
    const pxn = (this.rlar[hits[0]] >>> 4) & 1;
    if (!privileged && (ap & 1) === 0) return false;
    if (access === "write") return (ap & 2) === 0;
    if (access === "execute") return xn === 0 && !(privileged && pxn);
    return true;
  }
}
