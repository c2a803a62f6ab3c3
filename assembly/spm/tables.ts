// Lookups in the static tables the build generated from the manifests (bulkhead/spm_tables).
// Everything here is read-only: the run-time SPM parses and allocates nothing.
import {
  BOOT_ORDER, DEPENDENCY_TABLE, DEPENDENCY_WORDS, IRQ_LINE_LIMIT, IRQ_OF_LINE, IRQ_ROW_WORDS, IRQ_TABLE, MMIO_ROW_WORDS,
  MMIO_TABLE, PARTITION_COUNT, PARTITION_ROW_WORDS, PARTITION_TABLE, SERVICE_COUNT, SERVICE_ROW_WORDS, SERVICE_TABLE, STATELESS_TABLE,
} from "bulkhead/spm_tables";
import { STATELESS_HANDLE_BIT, STATELESS_INDEX_MASK, STATELESS_VERSION_SHIFT } from "../psa/abi";
import { NO_ROW } from "bulkhead_abi/facts";

export { NO_ROW };

// Flag bits the run-time SPM reads (host/manifest/codegen.ts writes them, with others).
export const PARTITION_IPC: u32 = 1;

export const SERVICE_NS: u32 = 1;
export const SERVICE_STRICT: u32 = 2;
export const SERVICE_STATELESS: u32 = 4;
export const SERVICE_MM_IOVEC: u32 = 8;

export const IRQ_FLIH: u32 = 1;
export const IRQ_ENABLED_AT_BOOT: u32 = 2;

// Word f of row r of a generated table with rowWords words per row.
@inline
function cell(table: usize, rowWords: u32, r: u32, f: u32): u32 {
  return load<u32>(table + ((<usize>r * rowWords + f) << 2));
}

@inline export function partitionPid(p: u32): i32 { return <i32>cell(PARTITION_TABLE, PARTITION_ROW_WORDS, p, 0); }
@inline export function partitionFlags(p: u32): u32 { return cell(PARTITION_TABLE, PARTITION_ROW_WORDS, p, 1); }
@inline export function partitionPriority(p: u32): u32 { return cell(PARTITION_TABLE, PARTITION_ROW_WORDS, p, 2); }
@inline export function partitionServiceSignals(p: u32): u32 { return cell(PARTITION_TABLE, PARTITION_ROW_WORDS, p, 3); }
@inline export function partitionIrqSignals(p: u32): u32 { return cell(PARTITION_TABLE, PARTITION_ROW_WORDS, p, 4); }
@inline export function partitionWatchdogTicks(p: u32): u32 { return cell(PARTITION_TABLE, PARTITION_ROW_WORDS, p, 5); }
@inline export function partitionRestartLimit(p: u32): u32 { return cell(PARTITION_TABLE, PARTITION_ROW_WORDS, p, 6); }

@inline export function serviceSid(s: u32): u32 { return cell(SERVICE_TABLE, SERVICE_ROW_WORDS, s, 0); }
@inline export function servicePartition(s: u32): u32 { return cell(SERVICE_TABLE, SERVICE_ROW_WORDS, s, 1); }
@inline export function serviceVersion(s: u32): u32 { return cell(SERVICE_TABLE, SERVICE_ROW_WORDS, s, 2); }
@inline export function serviceFlags(s: u32): u32 { return cell(SERVICE_TABLE, SERVICE_ROW_WORDS, s, 3); }
@inline export function serviceSignal(s: u32): u32 { return cell(SERVICE_TABLE, SERVICE_ROW_WORDS, s, 4); }

@inline export function irqLine(r: u32): u32 { return cell(IRQ_TABLE, IRQ_ROW_WORDS, r, 0); }
@inline export function irqPartition(r: u32): u32 { return cell(IRQ_TABLE, IRQ_ROW_WORDS, r, 1); }
@inline export function irqSignal(r: u32): u32 { return cell(IRQ_TABLE, IRQ_ROW_WORDS, r, 2); }
@inline export function irqFlags(r: u32): u32 { return cell(IRQ_TABLE, IRQ_ROW_WORDS, r, 3); }

@inline export function mmioPartition(r: u32): u32 { return cell(MMIO_TABLE, MMIO_ROW_WORDS, r, 0); }
@inline export function mmioBase(r: u32): u32 { return cell(MMIO_TABLE, MMIO_ROW_WORDS, r, 1); }
@inline export function mmioSize(r: u32): u32 { return cell(MMIO_TABLE, MMIO_ROW_WORDS, r, 2); }
@inline export function mmioWritable(r: u32): bool { return cell(MMIO_TABLE, MMIO_ROW_WORDS, r, 3) != 0; }

// The IRQ row that owns interrupt line `line`, or NO_ROW.
@inline
export function irqOfLine(line: u32): u32 {
  if (line >= IRQ_LINE_LIMIT) return NO_ROW;
  const r = <u32>load<u8>(IRQ_OF_LINE + line);
  return r == 0xff ? NO_ROW : r;
}

export function findService(sid: u32): u32 {
  for (let s: u32 = 0; s < SERVICE_COUNT; s++) if (serviceSid(s) == sid) return s;
  return NO_ROW;
}

export function partitionOfPid(pid: i32): u32 {
  for (let p: u32 = 0; p < PARTITION_COUNT; p++) if (partitionPid(p) == pid) return p;
  return NO_ROW;
}

// A client may use a service at `requested` version when the service's policy allows it.
export function versionAccepted(s: u32, requested: u32): bool {
  const v = serviceVersion(s);
  return (serviceFlags(s) & SERVICE_STRICT) ? requested == v : requested <= v;
}

// The service a stateless handle names, or NO_ROW when the handle is not one the build issued
// (wrong bits, unknown index, or a version the service's policy rejects).
export function statelessService(handle: i32): u32 {
  const h = <u32>handle;
  if ((h & ~(STATELESS_HANDLE_BIT | 0xffff)) != 0 || (h & STATELESS_HANDLE_BIT) == 0) return NO_ROW;
  const index = h & STATELESS_INDEX_MASK;
  if (index > 32) return NO_ROW;
  const s = load<u32>(STATELESS_TABLE + (<usize>index << 2));
  if (s == NO_ROW || !versionAccepted(s, (h >> STATELESS_VERSION_SHIFT) & 0xff)) return NO_ROW;
  return s;
}

// FF-M: a secure client may only use the services its manifest lists under dependencies.
export function dependsOn(p: u32, s: u32): bool {
  const word = load<u32>(DEPENDENCY_TABLE + ((<usize>p * DEPENDENCY_WORDS + (s >> 5)) << 2));
  return (word & (1 << (s & 31))) != 0;
}

@inline
export function bootPartition(i: u32): u32 {
  return load<u32>(BOOT_ORDER + (<usize>i << 2));
}
