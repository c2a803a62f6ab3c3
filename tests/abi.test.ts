// Issue 19, "one source for shared facts": host/abi.ts holds the facts the SPM, the port and the
// host tools share, the build writes them for AssemblyScript and C, and no other file restates
// them. The trap codes are checked against wasm2c's own header.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { CALL, EXIT, FAULTS, NO_ROW, PSA_MSG_SLOT, TRAPS, abiFactsH, abiFactsTs, callPack } from "../host/abi.ts";
import { ROOT } from "../host/image/wasm.ts";

test("the trap codes are wasm2c's (wasm-rt.h's enum), in order", () => {
  const header = ["/usr/include/wasm-rt.h", "/usr/src/wasm2c/wasm-rt.h"].find(existsSync);
  assert.ok(header, "wasm-rt.h is installed (npm run setup)");
  const body = /typedef enum \{([^}]*)\} wasm_rt_trap_t;/s.exec(readFileSync(header, "utf8"))![1];
  // EXHAUSTION as the header declares it with a stack depth count (the alias of OOB is left out).
  const names = [...body.matchAll(/^\s*(WASM_RT_TRAP_\w+)(\s*=\s*\w+)?\s*,/gm)].filter((m) => !m[2]).map((m) => m[1]);
  const code = (name: string) => names.indexOf(name);
  assert.deepEqual(TRAPS.map(([c]) => c), ["OOB", "INT_OVERFLOW", "DIV_BY_ZERO", "INVALID_CONVERSION", "UNREACHABLE", "CALL_INDIRECT", "UNCAUGHT_EXCEPTION", "EXHAUSTION"].map((n) => code(`WASM_RT_TRAP_${n}`)));
});

test("the generated AssemblyScript and C say the same as host/abi.ts", () => {
  const ts = abiFactsTs();
  const h = abiFactsH();
  assert.match(ts, new RegExp(`PSA_MSG_SLOT: u32 = ${PSA_MSG_SLOT};`));
  assert.match(h, new RegExp(`#define BULKHEAD_PSA_MSG_SLOT ${PSA_MSG_SLOT}u`));
  assert.match(ts, /NO_ROW: u32 = 0xffffffff;/);
  assert.equal(NO_ROW, 0xffffffff);
  for (const [k, v] of Object.entries(EXIT)) assert.match(h, new RegExp(`#define BULKHEAD_EXIT_${k} 0x${v.toString(16)}u`));
  assert.match(h, new RegExp(`enum fault_kind \\{ ${FAULTS.map(([k]) => `FAULT_${k}`).join(", ")} \\};`));
  FAULTS.forEach(([k, name], i) => {
    assert.match(ts, new RegExp(`FAULT_${k}: u32 = ${i};`));
    assert.match(ts, new RegExp(`case ${i}: return ${JSON.stringify(name)};`));
  });
  for (const [c, name] of TRAPS) assert.match(ts, new RegExp(`case ${c}: return ${JSON.stringify(name)};`));
  assert.match(ts, new RegExp(`CALL_IN_LEN_SHIFT: u32 = ${CALL.IN_LEN_SHIFT};`));
  assert.match(h, /static inline uint32_t bulkhead_call_pack\(int32_t type, uint32_t in_len, uint32_t out_len\)/);
});

test("the psa_call control word: TF-M's layout; what does not fit becomes what the SPM refuses", () => {
  assert.equal(callPack(1, 2, 3), (1 | (3 << 16) | (2 << 24)) >>> 0);
  assert.equal(callPack(-1, 0, 0), 0xffff, "a negative type stays negative in 16 bits");
  assert.equal(callPack(0x8000, 0, 0) & 0xffff, 0x8000, "beyond int16: 0x8000, negative");
  assert.equal(callPack(0, 256, 300) >>> 16, 0xffff, "counts above 255 become 255, never wrap to a small one");
});

test("no source restates them", () => {
  const restated = [
    /#define\s+(NO_ROW|PSA_MSG_SLOT)\b/,
    /\bconst\s+(NO_ROW|PSA_MSG_SLOT)\b[^;]*=\s*(0xffffffff|64)/,
    /bulkhead_exit\(0x7[b-f]\)/,
    /_EXIT\s*=\s*0x7[b-f]/,
    /enum fault_kind\s*\{/,
    /"out-of-bounds memory access"/,
    /function callPack\(/,
    /static inline uint32_t bulkhead_call_pack/,
    /CALL_(TYPE_MASK|LEN_MASK|IN_LEN_SHIFT|OUT_LEN_SHIFT): u32 =/,
  ];
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|c|h)$/.test(e)) {
        readFileSync(p, "utf8").split("\n").forEach((line, i) => {
          if (restated.some((re) => re.test(line))) hits.push(`${relative(ROOT, p)}:${i + 1}: ${line.trim()}`);
        });
      }
    }
  };
  for (const d of ["assembly", "boards", "host"]) walk(join(ROOT, d));
  assert.deepEqual(hits.filter((h) => !h.startsWith("host/abi.ts:")), []);
});
