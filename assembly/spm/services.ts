// Lookups in the service table the build generated from the manifests.
import { SERVICE_COUNT, SERVICE_TABLE, SERVICE_ROW_WORDS } from "bulkhead/spm_tables";
import { STATELESS_HANDLE_BIT, STATELESS_INDEX_MASK, STATELESS_VERSION_SHIFT } from "../psa/abi";

// Row layout, one u32 each.
const SID = 0;
const PARTITION = 1;
const VERSION = 2;
const FLAGS = 3;
const SFN = 4;

export const FLAG_NS_ALLOWED: u32 = 1;
export const FLAG_VERSION_STRICT: u32 = 2;

@inline
function field(service: u32, f: u32): u32 {
  return load<u32>(SERVICE_TABLE + ((<usize>service * SERVICE_ROW_WORDS + f) << 2));
}

@inline export function serviceSid(s: u32): u32 { return field(s, SID); }
@inline export function servicePartition(s: u32): u32 { return field(s, PARTITION); }
@inline export function serviceVersion(s: u32): u32 { return field(s, VERSION); }
@inline export function serviceFlags(s: u32): u32 { return field(s, FLAGS); }
@inline export function serviceSfn(s: u32): u32 { return field(s, SFN); }

export const NO_SERVICE: u32 = 0xffffffff;

export function findService(sid: u32): u32 {
  for (let s: u32 = 0; s < SERVICE_COUNT; s++) if (serviceSid(s) == sid) return s;
  return NO_SERVICE;
}

// A client may use a service at `requested` version when the service's policy allows it.
export function versionAccepted(s: u32, requested: u32): bool {
  const v = serviceVersion(s);
  return (serviceFlags(s) & FLAG_VERSION_STRICT) ? requested == v : requested <= v;
}

// The service a stateless handle names, or NO_SERVICE when the handle is not one the build
// issued (wrong bits, unknown index, or a version the service's policy rejects).
export function statelessService(handle: i32): u32 {
  const h = <u32>handle;
  if ((h & ~(STATELESS_HANDLE_BIT | 0xffff)) != 0 || (h & STATELESS_HANDLE_BIT) == 0) return NO_SERVICE;
  const s = h & STATELESS_INDEX_MASK;
  if (s >= SERVICE_COUNT) return NO_SERVICE;
  if (!versionAccepted(s, (h >> STATELESS_VERSION_SHIFT) & 0xff)) return NO_SERVICE;
  return s;
}
