// The region plan: which MPU regions an isolation level and rule set need, from the image layout
// (FF-M isolation design, "Example Region Numbers"). Pure: the SPM runs it at boot with the
// linker's addresses, and the build runs the same code (tool.ts) to check the count against the
// board's MPU and to print `bulkhead layout`.
//
// Regions never overlap (PMSAv8 faults on an address two regions claim). Static regions stay for
// the whole run; each partition's dynamic regions are loaded when it runs. What no region covers
// is reachable only by privileged code, through the default memory map (MPU_CTRL.PRIVDEFENA):
// that is how the SPM reaches every partition's memory, and how nothing unprivileged reaches the
// SPM's.
import { A_RO, A_ROXN, A_RWXN, ATTR_DEVICE, ATTR_MEMORY, P_RO, P_ROXN, P_RWXN, aligned } from "./regions";

// Input words (LAYOUT).
export const IN_LEVEL: u32 = 0;
export const IN_RULES: u32 = 1;       // bit n set: rule In (I1-I3 always apply)
export const IN_PXN: u32 = 2;         // 1: the CPU has PXN (Armv8.1-M)
export const IN_PARTITIONS: u32 = 3;
export const IN_MMIO_COUNT: u32 = 4;
export const IN_CODE: u32 = 5;        // start, end: all secure code, the veneers included
export const IN_RO: u32 = 7;          // start, end: all constant data
export const IN_SPM_RW: u32 = 9;      // start, end: the SPM's private data (its memory, the port's data and stacks)
export const IN_PARTITION: u32 = 11;  // per partition: flags, rw start, rw end
export const IN_PARTITION_WORDS: u32 = 3;
export const IN_MMIO_WORDS: u32 = 4;  // per MMIO region: partition, base, size, writable
export const MAX_PARTITIONS: u32 = 32;
export const MAX_MMIO: u32 = 32;
export const IN_WORDS: u32 = IN_PARTITION + IN_PARTITION_WORDS * MAX_PARTITIONS + IN_MMIO_WORDS * MAX_MMIO;

export const PARTITION_PSA_ROT: u32 = 2;

// Output rows: type, base, end (exclusive), owner (STATIC or a partition), purpose, MAIR index.
export const OUT_TYPE: u32 = 0;
export const OUT_BASE: u32 = 1;
export const OUT_END: u32 = 2;
export const OUT_OWNER: u32 = 3;
export const OUT_PURPOSE: u32 = 4;
export const OUT_ATTR: u32 = 5;
export const OUT_WORDS: u32 = 6;
export const MAX_ROWS: u32 = 64;
export const STATIC: u32 = 0xffffffff;

export const CODE: u32 = 0;
export const CONSTANT_DATA: u32 = 1;
export const SPM_PRIVATE: u32 = 2;
export const PROT_PRIVATE: u32 = 3;
export const AROT_PRIVATE: u32 = 4;
export const PARTITION_PRIVATE: u32 = 5;
export const PARTITION_MMIO: u32 = 6;
export const SECURE_PRIVATE: u32 = 7;

// Results at or above E_FIRST are errors.
export const E_FIRST: u32 = 0xffffff00;
export const E_ALIGN: u32 = 0xffffff01;     // a boundary is not on 32 bytes
export const E_DOMAINS: u32 = 0xffffff02;   // PRoT and ARoT private data interleave
export const E_PXN: u32 = 0xffffff03;       // I5/I6 need PXN
export const E_RULE: u32 = 0xffffff04;      // a rule this plan cannot honour with a shared runtime
export const E_MMIO: u32 = 0xffffff05;      // an MMIO region is not on 32 bytes
export const E_TOO_MANY: u32 = 0xffffff06;  // more partitions, MMIO regions or rows than the tables hold

// Which partitions run unprivileged: FF-M level 2 ARoT, level 3 all (in the PRoT domain or not).
export function unprivileged(level: u32, flags: u32): bool {
  return level == 3 || (level == 2 && (flags & PARTITION_PSA_ROT) == 0);
}

@inline function word(input: usize, i: u32): u32 { return load<u32>(input + (<usize>i << 2)); }
@inline function partitionWord(input: usize, p: u32, f: u32): u32 { return word(input, IN_PARTITION + p * IN_PARTITION_WORDS + f); }
@inline function mmioWord(input: usize, m: u32, f: u32): u32 {
  return word(input, IN_PARTITION + word(input, IN_PARTITIONS) * IN_PARTITION_WORDS + m * IN_MMIO_WORDS + f);
}

let rows: u32 = 0;

function emit(out: usize, type: u32, base: u32, end: u32, owner: u32, purpose: u32, attr: u32): void {
  if (rows == MAX_ROWS || end <= base) return;
  const row = out + (<usize>rows * OUT_WORDS << 2);
  store<u32>(row, type, OUT_TYPE << 2);
  store<u32>(row, base, OUT_BASE << 2);
  store<u32>(row, end, OUT_END << 2);
  store<u32>(row, owner, OUT_OWNER << 2);
  store<u32>(row, purpose, OUT_PURPOSE << 2);
  store<u32>(row, attr, OUT_ATTR << 2);
  rows++;
}

// The private data of one domain (PRoT: the SPM and PSA-RoT partitions; ARoT: the others) as
// one span, or 0,0 when the domain has none.
let spanStart: u32 = 0;
let spanEnd: u32 = 0;
function domainSpan(input: usize, psaRot: bool, withSpm: bool): void {
  spanStart = withSpm ? word(input, IN_SPM_RW) : 0xffffffff;
  spanEnd = withSpm ? word(input, IN_SPM_RW + 1) : 0;
  for (let p: u32 = 0; p < word(input, IN_PARTITIONS); p++) {
    if (((partitionWord(input, p, 0) & PARTITION_PSA_ROT) != 0) != psaRot) continue;
    spanStart = min(spanStart, partitionWord(input, p, 1));
    spanEnd = max(spanEnd, partitionWord(input, p, 2));
  }
  if (spanEnd == 0) spanStart = 0;
}

function checkInput(input: usize): u32 {
  const n = word(input, IN_PARTITIONS);
  if (n > MAX_PARTITIONS || word(input, IN_MMIO_COUNT) > MAX_MMIO) return E_TOO_MANY;
  for (let i: u32 = IN_CODE; i < IN_PARTITION; i++) if (!aligned(word(input, i))) return E_ALIGN;
  for (let p: u32 = 0; p < n; p++) {
    if (!aligned(partitionWord(input, p, 1)) || !aligned(partitionWord(input, p, 2))) return E_ALIGN;
  }
  const rules = word(input, IN_RULES);
  if ((rules & ((1 << 5) | (1 << 6))) != 0 && word(input, IN_PXN) == 0) return E_PXN;
  // I4-I6 keep partitions away from each other's code and constants, which the shared partition
  // runtime (psa stubs, thread body, wasm2c runtime, libc) cannot honour: the design marks it X.
  if ((rules & ((1 << 4) | (1 << 5) | (1 << 6))) != 0) return E_RULE;
  if (word(input, IN_LEVEL) >= 2) {
    for (let m: u32 = 0; m < word(input, IN_MMIO_COUNT); m++) {
      if (!aligned(mmioWord(input, m, 1)) || !aligned(mmioWord(input, m, 2))) return E_MMIO;
    }
  }
  return 0;
}

// Writes the plan to out (MAX_ROWS rows of OUT_WORDS) and returns the row count, or an E_ error.
export function plan(input: usize, out: usize): u32 {
  const error = checkInput(input);
  if (error != 0) return error;
  rows = 0;
  const level = word(input, IN_LEVEL);
  const n = word(input, IN_PARTITIONS);
  const anyUnprivileged = level >= 2;
  // I1 (only code executes) and I2 (only private data is writable) at every level.
  emit(out, anyUnprivileged ? A_RO : P_RO, word(input, IN_CODE), word(input, IN_CODE + 1), STATIC, CODE, ATTR_MEMORY);
  emit(out, anyUnprivileged ? A_ROXN : P_ROXN, word(input, IN_RO), word(input, IN_RO + 1), STATIC, CONSTANT_DATA, ATTR_MEMORY);
  if (level == 1) {
    // Every partition shares the secure privileged domain: one region for all private data.
    domainSpan(input, true, true);
    const s = spanStart, e = spanEnd;
    domainSpan(input, false, false);
    emit(out, P_RWXN, spanEnd > 0 ? min(s, spanStart) : s, max(e, spanEnd), STATIC, SECURE_PRIVATE, ATTR_MEMORY);
    return rows;
  }
  if (level == 2) {
    // I3: PRoT private data only privileged, ARoT private data to any (ARoT partitions do not
    // need protection from each other at level 2).
    domainSpan(input, true, true);
    const prot0 = spanStart, prot1 = spanEnd;
    domainSpan(input, false, false);
    if (spanEnd > 0 && spanStart < prot1 && prot0 < spanEnd) return E_DOMAINS;
    emit(out, P_RWXN, prot0, prot1, STATIC, PROT_PRIVATE, ATTR_MEMORY);
    emit(out, A_RWXN, spanStart, spanEnd, STATIC, AROT_PRIVATE, ATTR_MEMORY);
  } else {
    emit(out, P_RWXN, word(input, IN_SPM_RW), word(input, IN_SPM_RW + 1), STATIC, SPM_PRIVATE, ATTR_MEMORY);
  }
  // Per running partition: level 3 its private data; its peripherals whenever it is unprivileged.
  for (let p: u32 = 0; p < n; p++) {
    if (!unprivileged(level, partitionWord(input, p, 0))) continue;
    if (level == 3) emit(out, A_RWXN, partitionWord(input, p, 1), partitionWord(input, p, 2), p, PARTITION_PRIVATE, ATTR_MEMORY);
    for (let m: u32 = 0; m < word(input, IN_MMIO_COUNT); m++) {
      if (mmioWord(input, m, 0) != p) continue;
      const base = mmioWord(input, m, 1);
      emit(out, mmioWord(input, m, 3) != 0 ? A_RWXN : A_ROXN, base, base + mmioWord(input, m, 2), p, PARTITION_MMIO, ATTR_DEVICE);
    }
  }
  return rows == MAX_ROWS ? E_TOO_MANY : rows;
}

@inline export function rowWord(out: usize, r: u32, f: u32): u32 { return load<u32>(out + ((<usize>r * OUT_WORDS + f) << 2)); }

// Regions the plan keeps loaded at once: the static ones plus the most any partition needs.
export function regionsNeeded(out: usize, count: u32): u32 {
  let statics: u32 = 0;
  let most: u32 = 0;
  let owner: u32 = STATIC;
  let run: u32 = 0;
  for (let r: u32 = 0; r < count; r++) {
    const o = rowWord(out, r, OUT_OWNER);
    if (o == STATIC) { statics++; continue; }
    run = o == owner ? run + 1 : 1;
    owner = o;
    most = max(most, run);
  }
  return statics + most;
}
