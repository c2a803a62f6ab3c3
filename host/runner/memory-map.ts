/** A region of the modelled system address space, backed by a module's linear memory or a buffer. */
export interface Region {
  name: string;
  base: number;
  size: number;
  secure: boolean;
  bytes: () => Uint8Array;
}

export class BusError extends Error {}

/**
 * The host model of the board's address space. Every copy the SPM asks for goes through here and
 * must stay inside one mapped region, as on the target where anything else is a bus fault.
 */
export class MemoryMap {
  private readonly regions: Region[] = [];

  map(region: Region): Region {
    this.regions.push(region);
    return region;
  }

  /** The region holding all of [addr, addr+len), if any. */
  find(addr: number, len: number): Region | undefined {
    return this.regions.find((r) => addr >= r.base && len <= r.size && addr - r.base <= r.size - len);
  }

  view(addr: number, len: number): Uint8Array {
    const r = this.find(addr, len);
    if (!r) throw new BusError(`access to unmapped memory [0x${addr.toString(16)}, +${len})`);
    return r.bytes().subarray(addr - r.base, addr - r.base + len);
  }

  copy(dst: number, src: number, len: number): void {
    if (len === 0) return;
    this.view(dst, len).set(this.view(src, len));
  }

  /** cmse_check_address_range(addr, len, CMSE_NONSECURE | …): the whole range is non-secure. */
  nonSecure(addr: number, len: number): boolean {
    if (len === 0) return true;
    const r = this.find(addr, len);
    return r !== undefined && !r.secure;
  }

  u32(addr: number): number {
    const v = this.view(addr, 4);
    return (v[0] | (v[1] << 8) | (v[2] << 16) | (v[3] << 24)) >>> 0;
  }

  setU32(addr: number, value: number): void {
    this.view(addr, 4).set([value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff]);
  }
}

/** A Wasm memory mapped at base, of which the first `size` bytes are the module's budget. */
export function wasmRegion(name: string, base: number, size: number, secure: boolean, memory: () => WebAssembly.Memory): Region {
  return { name, base, size, secure, bytes: () => new Uint8Array(memory().buffer, 0, size) };
}
