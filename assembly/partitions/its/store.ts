// The Internal Trusted Storage object store: a log in flash that survives a power cut at any
// step. After a cut every object is its old value or its new one, never a mix, and the store
// mounts.
//
// The flash is two banks. The active one has a committed bank header (BANK_MAGIC, sequence, COMMIT)
// and then records, appended in order. A record is a header word (RECORD_MAGIC and the data
// length), the owner, the uid, a flags word, the data, and a COMMIT word programmed last. A
// record without its COMMIT was cut short: it is skipped and never reused. A remove appends a
// tombstone record. The newest committed record of an (owner, uid) is the object.
// When the active bank is full, compaction copies the live objects into the other bank and
// commits that bank's header last, with the next sequence number. A cut before that commit
// leaves the old bank in charge, and the old bank still holds every object.
// A remove needs no free space: when no tombstone fits, compaction leaves the object out instead
// (psa_its_remove has no INSUFFICIENT_STORAGE; a full store must never lock its objects in).
// A RAM index (owner, uid → record) is built at mount, so lookups do not read flash.
import {
  ITS_MAX_ASSET_SIZE, ITS_NUM_ASSETS, PSA_STORAGE_FLAG_WRITE_ONCE,
} from "bulkhead/psa/storage_common";
import {
  PSA_ERROR_DOES_NOT_EXIST, PSA_ERROR_INSUFFICIENT_STORAGE, PSA_ERROR_NOT_PERMITTED, PSA_ERROR_STORAGE_FAILURE,
  PSA_SUCCESS, psa_status_t,
} from "bulkhead/psa/status";
import { FLASH_ERASED, flashErase, flashPageSize, flashProgram, flashRead, flashSize } from "bulkhead/lib/flash";

const BANK_MAGIC: u32 = 0x49545342; // "ITSB"
const RECORD_MAGIC: u32 = 0x4954; // "IT", in the header word's upper half
const COMMIT: u32 = 0x0c0ffee0;
const TOMBSTONE: u32 = 0x80000000; // in the flags word
const BANK_HEADER_BYTES: u32 = 16;
const RECORD_HEADER_BYTES: u32 = 20; // header, owner, uid (2 words), flags

// Index entries: used, owner, uid low, uid high, flags, length, data offset (in the active bank).
const E_USED = 0;
const E_OWNER = 4;
const E_UID_LO = 8;
const E_UID_HI = 12;
const E_FLAGS = 16;
const E_LENGTH = 20;
const E_DATA = 24;
const ENTRY = 28;
const INDEX = memory.data(<i32>(ENTRY * ITS_NUM_ASSETS));

let bankBytes: u32 = 0;
let active: u32 = 0; // bank number
let sequence: u32 = 0;
let end: u32 = 0; // the next record's offset in the active bank

@inline function entry(i: u32): usize { return INDEX + <usize>i * ENTRY; }
@inline function bankBase(bank: u32): u32 { return bank * bankBytes; }
@inline function recordBytes(length: u32): u32 { return RECORD_HEADER_BYTES + ((length + 3) & ~3) + 4; }

export function entryLength(i: u32): u32 { return load<u32>(entry(i), E_LENGTH); }
export function entryFlags(i: u32): u32 { return load<u32>(entry(i), E_FLAGS); }

export const NOT_FOUND: u32 = 0xffffffff;

export function find(owner: i32, uid: u64): u32 {
  for (let i: u32 = 0; i < ITS_NUM_ASSETS; i++) {
    const e = entry(i);
    if (load<u32>(e, E_USED) != 0 && load<i32>(e, E_OWNER) == owner &&
      load<u32>(e, E_UID_LO) == <u32>uid && load<u32>(e, E_UID_HI) == <u32>(uid >> 32)) return i;
  }
  return NOT_FOUND;
}

function index(owner: i32, uid: u64, flags: u32, length: u32, data: u32): bool {
  let i = find(owner, uid);
  if (i == NOT_FOUND) i = freeEntry();
  if (i == NOT_FOUND) return false;
  const e = entry(i);
  store<u32>(e, 1, E_USED);
  store<i32>(e, owner, E_OWNER);
  store<u32>(e, <u32>uid, E_UID_LO);
  store<u32>(e, <u32>(uid >> 32), E_UID_HI);
  store<u32>(e, flags, E_FLAGS);
  store<u32>(e, length, E_LENGTH);
  store<u32>(e, data, E_DATA);
  return true;
}

function freeEntry(): u32 {
  for (let i: u32 = 0; i < ITS_NUM_ASSETS; i++) if (load<u32>(entry(i), E_USED) == 0) return i;
  return NOT_FOUND;
}

function bankSequence(bank: u32): u32 {
  const at = bankBase(bank);
  return flashRead(at) == BANK_MAGIC && flashRead(at + 8) == COMMIT ? flashRead(at + 4) : 0;
}

function eraseBank(bank: u32): void {
  // Invalidate the header first, so a cut part-way through the erase leaves no valid bank here
  // whatever order the pages go in.
  flashProgram(bankBase(bank), 0);
  const pages = bankBytes / flashPageSize;
  for (let p: u32 = 0; p < pages; p++) flashErase(bankBase(bank) / flashPageSize + p);
}

function commitBank(bank: u32, seq: u32): bool {
  const at = bankBase(bank);
  return flashProgram(at, BANK_MAGIC) && flashProgram(at + 4, seq) && flashProgram(at + 8, COMMIT);
}

// Mounts the store in the attached flash (its size a multiple of two pages): picks the bank with
// the newest committed header (formats bank 0 when neither has one) and rebuilds the index.
export function mount(): psa_status_t {
  bankBytes = flashSize / 2;
  memory.fill(INDEX, 0, ENTRY * ITS_NUM_ASSETS);
  const s0 = bankSequence(0);
  const s1 = bankSequence(1);
  if (s0 == 0 && s1 == 0) {
    eraseBank(0);
    if (!commitBank(0, 1)) return PSA_ERROR_STORAGE_FAILURE;
    active = 0;
    sequence = 1;
  } else {
    active = s1 > s0 ? 1 : 0;
    sequence = max(s0, s1);
  }
  const base = bankBase(active);
  let at = BANK_HEADER_BYTES;
  end = bankBytes;
  while (at + RECORD_HEADER_BYTES + 4 <= bankBytes) {
    const header = flashRead(base + at);
    if (header == FLASH_ERASED) {
      end = at;
      break;
    }
    const length = header & 0xffff;
    // Not a record, or one that runs off the bank: nothing after it can be trusted, so the bank
    // takes no more records and the next write compacts.
    if (header >> 16 != RECORD_MAGIC || length > ITS_MAX_ASSET_SIZE || at + recordBytes(length) > bankBytes) break;
    if (flashRead(base + at + recordBytes(length) - 4) == COMMIT) {
      const owner = <i32>flashRead(base + at + 4);
      const uid = <u64>flashRead(base + at + 8) | (<u64>flashRead(base + at + 12) << 32);
      const flags = flashRead(base + at + 16);
      if (flags & TOMBSTONE) {
        const i = find(owner, uid);
        if (i != NOT_FOUND) store<u32>(entry(i), 0, E_USED);
      } else if (!index(owner, uid, flags, length, at + RECORD_HEADER_BYTES)) {
        return PSA_ERROR_STORAGE_FAILURE;
      }
    }
    at += recordBytes(length);
  }
  return PSA_SUCCESS;
}

// Appends a record at `end` of the active bank: header first (so a cut record can be skipped),
// then the rest, COMMIT last. `data` is in this partition's memory; `copyFrom` (a data offset in
// flash) is used instead when it is not NOT_FOUND.
function append(owner: i32, uid: u64, flags: u32, data: usize, copyFrom: u32, length: u32): bool {
  const at = bankBase(active) + end;
  end += recordBytes(length);
  if (!flashProgram(at, (RECORD_MAGIC << 16) | length) || !flashProgram(at + 4, <u32>owner) ||
    !flashProgram(at + 8, <u32>uid) || !flashProgram(at + 12, <u32>(uid >> 32)) || !flashProgram(at + 16, flags)) return false;
  for (let i: u32 = 0; i < length; i += 4) {
    let word: u32;
    if (copyFrom != NOT_FOUND) {
      word = flashRead(copyFrom + i);
    } else {
      // The last word's missing bytes stay erased.
      word = FLASH_ERASED;
      for (let b: u32 = 0; b < 4 && i + b < length; b++) word = (word & ~(0xff << (b * 8))) | (<u32>load<u8>(data + i + b) << (b * 8));
    }
    if (!flashProgram(at + RECORD_HEADER_BYTES + i, word)) return false;
  }
  return flashProgram(at + recordBytes(length) - 4, COMMIT);
}

// Copies every live object into the other bank and makes it the active one. When a write fails
// part-way, the flash still says what is true (the old bank, whose header alone is committed), so
// the store mounts again from it rather than undoing its RAM state by hand.
// `dropped` (an index entry, or NOT_FOUND) is left out: the remove that needs no room.
function compact(dropped: u32 = NOT_FOUND): bool {
  const from = active;
  const to = 1 - from;
  eraseBank(to);
  active = to;
  end = BANK_HEADER_BYTES;
  let copied = true;
  if (dropped != NOT_FOUND) store<u32>(entry(dropped), 0, E_USED);
  for (let i: u32 = 0; i < ITS_NUM_ASSETS && copied; i++) {
    const e = entry(i);
    if (load<u32>(e, E_USED) == 0) continue;
    const length = load<u32>(e, E_LENGTH);
    const data = end + RECORD_HEADER_BYTES;
    const uid = <u64>load<u32>(e, E_UID_LO) | (<u64>load<u32>(e, E_UID_HI) << 32);
    copied = append(load<i32>(e, E_OWNER), uid, load<u32>(e, E_FLAGS), 0, bankBase(from) + load<u32>(e, E_DATA), length);
    store<u32>(e, data, E_DATA);
  }
  if (!copied || !commitBank(to, sequence + 1)) {
    mount();
    return false;
  }
  sequence++;
  return true;
}

// Room for a record of `length` bytes at the end of the active bank, compacting if needed.
function makeRoom(length: u32): psa_status_t {
  if (end + recordBytes(length) <= bankBytes) return PSA_SUCCESS;
  if (!compact()) return PSA_ERROR_STORAGE_FAILURE;
  return end + recordBytes(length) <= bankBytes ? PSA_SUCCESS : PSA_ERROR_INSUFFICIENT_STORAGE;
}

// Stores `length` bytes at `data` as (owner, uid). The old value, if any, stays until the new one
// is committed.
export function set(owner: i32, uid: u64, data: usize, length: u32, flags: u32): psa_status_t {
  const i = find(owner, uid);
  if (i != NOT_FOUND && (entryFlags(i) & PSA_STORAGE_FLAG_WRITE_ONCE)) return PSA_ERROR_NOT_PERMITTED;
  if (i == NOT_FOUND && freeEntry() == NOT_FOUND) return PSA_ERROR_INSUFFICIENT_STORAGE;
  const room = makeRoom(length);
  if (room != PSA_SUCCESS) return room;
  const at = end;
  if (!append(owner, uid, flags, data, NOT_FOUND, length)) return PSA_ERROR_STORAGE_FAILURE;
  index(owner, uid, flags, length, at + RECORD_HEADER_BYTES);
  return PSA_SUCCESS;
}

export function remove(owner: i32, uid: u64): psa_status_t {
  const i = find(owner, uid);
  if (i == NOT_FOUND) return PSA_ERROR_DOES_NOT_EXIST;
  if (entryFlags(i) & PSA_STORAGE_FLAG_WRITE_ONCE) return PSA_ERROR_NOT_PERMITTED;
  if (end + recordBytes(0) > bankBytes) return compact(i) ? PSA_SUCCESS : PSA_ERROR_STORAGE_FAILURE;
  if (!append(owner, uid, TOMBSTONE, 0, NOT_FOUND, 0)) return PSA_ERROR_STORAGE_FAILURE;
  store<u32>(entry(i), 0, E_USED);
  return PSA_SUCCESS;
}

// Reads `length` bytes of object i, from byte `offset` on, into `out`.
export function read(i: u32, offset: u32, out: usize, length: u32): void {
  const data = bankBase(active) + load<u32>(entry(i), E_DATA);
  let word: u32 = 0;
  for (let at = offset; at < offset + length; at++) {
    if (at == offset || (at & 3) == 0) word = flashRead(data + (at & ~3));
    store<u8>(out + at - offset, <u8>(word >> ((at & 3) * 8)));
  }
}
