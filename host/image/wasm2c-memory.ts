/**
 * Rewrites wasm2c's (wabt 1.0.32) linear-memory accessors for bulkhead's one-instance modules
 * (TOOLCHAIN.md, "wasm2c → Cortex-M"): each module's memory is a static buffer whose address and
 * size the module's wrapper gives as BULKHEAD_MEMORY_BASE/SIZE (glue.ts moduleWrapper), so an
 * access is base + address after one compare with a constant, instead of two loads through the
 * instance. Out-of-bounds accesses still trap. The accessors are forced inline (gcc -Os would
 * outline them) and lose the empty asm that kept gcc from merging loads.
 *
 * wasm2c passes an access's address as one 64-bit sum, (u64)(address) + offset, so that the sum
 * cannot wrap; comparing it costs a 64-bit add and compare on a 32-bit core. The rewritten
 * accessors take the 32-bit address and the constant offset apart and check
 * address <= SIZE - offset - width, which gcc folds to one 32-bit compare with a constant (and an
 * offset that alone runs past the end to an unconditional trap).
 */
const REWRITES: [string, string][] = [
  [
    "#define RANGE_CHECK(mem, offset, len)               \\\n  if (UNLIKELY(offset + (uint64_t)len > mem->size)) \\\n    TRAP(OOB);",
    "#define RANGE_CHECK(mem, offset, len)                                   \\\n  if (UNLIKELY((offset) + (uint64_t)(len) > BULKHEAD_MEMORY_SIZE)) \\\n    TRAP(OOB);\n" +
      "#define ACCESS_CHECK(addr, offset, len)                                                      \\\n" +
      "  if (UNLIKELY((uint64_t)(offset) + (len) > BULKHEAD_MEMORY_SIZE ||                          \\\n" +
      "               (addr) > BULKHEAD_MEMORY_SIZE - (uint32_t)(offset) - (uint32_t)(len)))         \\\n" +
      "    TRAP(OOB);",
  ],
  [
    "  static inline t3 name(wasm_rt_memory_t* mem, u64 addr) { \\\n    MEMCHECK(mem, addr, t1);                               \\\n    t1 result;                                             \\\n    wasm_rt_memcpy(&result, &mem->data[addr], sizeof(t1)); \\\n    wasm_asm(\"\" ::\"r\"(result));                            \\\n",
    "  static inline __attribute__((always_inline)) t3 name(wasm_rt_memory_t* mem, u32 addr, u32 offset) { \\\n    (void)mem;                                             \\\n    ACCESS_CHECK(addr, offset, sizeof(t1));                \\\n    t1 result;                                             \\\n    wasm_rt_memcpy(&result, &BULKHEAD_MEMORY_BASE[addr + offset], sizeof(t1)); \\\n",
  ],
  [
    "  static inline void name(wasm_rt_memory_t* mem, u64 addr, t2 value) { \\\n    MEMCHECK(mem, addr, t1);                                           \\\n    t1 wrapped = (t1)value;                                            \\\n    wasm_rt_memcpy(&mem->data[addr], &wrapped, sizeof(t1));            \\\n",
    "  static inline __attribute__((always_inline)) void name(wasm_rt_memory_t* mem, u32 addr, u32 offset, t2 value) { \\\n    (void)mem;                                                         \\\n    ACCESS_CHECK(addr, offset, sizeof(t1));                            \\\n    t1 wrapped = (t1)value;                                            \\\n    wasm_rt_memcpy(&BULKHEAD_MEMORY_BASE[addr + offset], &wrapped, sizeof(t1)); \\\n",
  ],
];

const ACCESSOR = String.raw`\b((?:i32|i64|f32|f64)_(?:load|store)\w*)\(&instance->w2c_memory, `;
const CALL = new RegExp(ACCESSOR + String.raw`\(u64\)\((w2c_\w+)\)(?: \+ (\d+)u?)?(?=[,)])`, "g");
const ANY_CALL = new RegExp(ACCESSOR, "g");

/** Changes whenever the rewrite does, so cached rewritten C is not reused across versions. */
export const ACCESSOR_REWRITE_ID = JSON.stringify([REWRITES, CALL.source]);

export function fixedMemoryAccessors(c: string, file: string): string {
  for (const [from, to] of REWRITES) {
    if (!c.includes(from)) throw new Error(`${file}: wasm2c's memory accessors are not the ones bulkhead rewrites (wabt 1.0.32 expected)`);
    c = c.replace(from, to);
  }
  const calls = c.match(ANY_CALL)?.length ?? 0;
  let rewritten = 0;
  c = c.replace(CALL, (_, name: string, addr: string, offset?: string) => {
    rewritten++;
    return `${name}(&instance->w2c_memory, ${addr}, ${offset ?? 0}u`;
  });
  if (rewritten !== calls) throw new Error(`${file}: ${calls - rewritten} memory accesses are not in the (u64)(address) + offset form bulkhead rewrites`);
  return c;
}
