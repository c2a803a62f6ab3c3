/**
 * Rewrites wasm2c's (wabt 1.0.32) linear-memory accessors for bulkhead's one-instance modules
 * (TOOLCHAIN.md, "wasm2c → Cortex-M"): each module's memory is a static buffer whose address and
 * size the module's wrapper gives as BULKHEAD_MEMORY_BASE/SIZE (glue.ts moduleWrapper), so an
 * access is base + address after one compare with a constant, instead of two loads through the
 * instance. Out-of-bounds accesses still trap. The accessors are forced inline (gcc -Os would
 * outline them) and lose the empty asm that kept gcc from merging loads.
 */
const REWRITES: [string, string][] = [
  [
    "#define RANGE_CHECK(mem, offset, len)               \\\n  if (UNLIKELY(offset + (uint64_t)len > mem->size)) \\\n    TRAP(OOB);",
    "#define RANGE_CHECK(mem, offset, len)                                   \\\n  if (UNLIKELY((offset) + (uint64_t)(len) > BULKHEAD_MEMORY_SIZE)) \\\n    TRAP(OOB);",
  ],
  [
    "  static inline t3 name(wasm_rt_memory_t* mem, u64 addr) { \\\n    MEMCHECK(mem, addr, t1);                               \\\n    t1 result;                                             \\\n    wasm_rt_memcpy(&result, &mem->data[addr], sizeof(t1)); \\\n    wasm_asm(\"\" ::\"r\"(result));                            \\\n",
    "  static inline __attribute__((always_inline)) t3 name(wasm_rt_memory_t* mem, u64 addr) { \\\n    (void)mem;                                             \\\n    MEMCHECK(mem, addr, t1);                               \\\n    t1 result;                                             \\\n    wasm_rt_memcpy(&result, &BULKHEAD_MEMORY_BASE[addr], sizeof(t1)); \\\n",
  ],
  [
    "  static inline void name(wasm_rt_memory_t* mem, u64 addr, t2 value) { \\\n    MEMCHECK(mem, addr, t1);                                           \\\n    t1 wrapped = (t1)value;                                            \\\n    wasm_rt_memcpy(&mem->data[addr], &wrapped, sizeof(t1));            \\\n",
    "  static inline __attribute__((always_inline)) void name(wasm_rt_memory_t* mem, u64 addr, t2 value) { \\\n    (void)mem;                                                         \\\n    MEMCHECK(mem, addr, t1);                                           \\\n    t1 wrapped = (t1)value;                                            \\\n    wasm_rt_memcpy(&BULKHEAD_MEMORY_BASE[addr], &wrapped, sizeof(t1)); \\\n",
  ],
];

export function fixedMemoryAccessors(c: string, file: string): string {
  for (const [from, to] of REWRITES) {
    if (!c.includes(from)) throw new Error(`${file}: wasm2c's memory accessors are not the ones bulkhead rewrites (wabt 1.0.32 expected)`);
    c = c.replace(from, to);
  }
  return c;
}
