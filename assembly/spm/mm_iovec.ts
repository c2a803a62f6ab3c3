// MM-IOVEC (FF-M 1.1): a service of a manifest with `mm_iovec: enable` maps a client's vector
// instead of moving it piece by piece with psa_read/psa_write. A Wasm partition can address only
// its own linear memory, so mapping places a copy of the vector in a window of that memory which
// the partition's binding lends (psa/service.ts); an output vector's bytes go to the client when
// it is unmapped. Vectors mapped at the same time get disjoint parts of the window, which empties
// when the last one is unmapped. A vector that does not fit what is left of the window is not
// mapped: the map call returns 0 (NULL) and the service can still use psa_read/psa_write on it.
import { platform_mem_copy } from "./platform";
import { partitionAddress } from "./memory";
import {
  IN_BASE, IN_DONE, IN_SIZE, NO_SLOT, OUT_BASE, OUT_DONE, OUT_MAP_AT, OUT_SIZE, mappedBits, messageService,
  setMappedBits, setVecField, vecField,
} from "./message";
import { partitionError } from "./verdict";
import { addMapping, dropMappings, mapTop } from "./partitions";
import { SERVICE_MM_IOVEC, serviceFlags, servicePartition } from "./tables";

// Vector numbers in the mapped bits: inputs 0-3, outputs OUTPUT + 0-3.
export const OUTPUT: u32 = 4;
const LIVE_SHIFT: u32 = 8;

// servedCall found the message and checked the index; this adds MM-IOVEC's rule for the service.
function mappable(slot: u32, api: string): bool {
  if (slot == NO_SLOT) return false;
  if ((serviceFlags(messageService(slot)) & SERVICE_MM_IOVEC) == 0) {
    partitionError(api, "the service's manifest does not enable mm_iovec");
    return false;
  }
  return true;
}

// True when vector v of the message is mapped now, or was (psa_read and psa_write then refuse it).
@inline export function wasMapped(slot: u32, v: u32): bool { return (mappedBits(slot) & (1 << v)) != 0; }

export function mapVector(slot: u32, v: u32, window: u32, windowSize: u32, api: string): u32 {
  if (!mappable(slot, api)) return 0;
  const out = v >= OUTPUT;
  const i = v & 3;
  const size = vecField(slot, out ? OUT_SIZE : IN_SIZE, i);
  if (size == 0) {
    partitionError(api, "the vector has length zero");
    return 0;
  }
  if (wasMapped(slot, v)) {
    partitionError(api, "the vector has already been mapped");
    return 0;
  }
  if (vecField(slot, out ? OUT_DONE : IN_DONE, i) != 0) {
    partitionError(api, out ? "the vector has already been written with psa_write" : "the vector has already been accessed with psa_read or psa_skip");
    return 0;
  }
  const p = servicePartition(messageService(slot));
  if (partitionAddress(p, window, windowSize) == 0) {
    partitionError(api, "the mapping window is outside the partition's memory");
    return 0;
  }
  const top = mapTop(p);
  if (top > windowSize || size > windowSize - top) return 0;
  const at = window + top;
  if (!out) platform_mem_copy(partitionAddress(p, at, size), vecField(slot, IN_BASE, i), size);
  if (out) setVecField(slot, OUT_MAP_AT, i, at);
  setMappedBits(slot, mappedBits(slot) | (1 << v) | (1 << (v + LIVE_SHIFT)));
  addMapping(p, (size + 3) & ~3);
  return at;
}

// Output vectors: the first len bytes of the copy reach the client, and len is what psa_call
// reports as written.
export function unmapVector(slot: u32, v: u32, len: u32, api: string): void {
  if (!mappable(slot, api)) return;
  const live: u32 = 1 << (v + LIVE_SHIFT);
  if ((mappedBits(slot) & live) == 0) {
    partitionError(api, "the vector is not mapped");
    return;
  }
  if (v >= OUTPUT) {
    const i = v & 3;
    if (len > vecField(slot, OUT_SIZE, i)) {
      partitionError(api, "len is larger than the output vector");
      return;
    }
    const p = servicePartition(messageService(slot));
    if (len != 0) platform_mem_copy(vecField(slot, OUT_BASE, i), partitionAddress(p, vecField(slot, OUT_MAP_AT, i), len), len);
    setVecField(slot, OUT_DONE, i, len);
  }
  setMappedBits(slot, mappedBits(slot) & ~live);
  dropMappings(servicePartition(messageService(slot)), 1);
}

// The message is answered: what is still mapped is unmapped (an output vector then reports 0
// bytes written, its copy never reaches the client).
export function unmapAll(slot: u32): void {
  const live = mappedBits(slot) >> LIVE_SHIFT;
  if (live != 0) dropMappings(servicePartition(messageService(slot)), popcnt(live));
}
