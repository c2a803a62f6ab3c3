/**
 * wasm2c's trap codes and names (wasm-rt.h, boards/armv8m/runtime/wasm_rt.c), for the V8 message
 * of the same trap, so the host runner reports a trap exactly as the target does.
 */
const TRAPS: [RegExp, number, string][] = [
  [/out of bounds/, 1, "out-of-bounds memory access"],
  [/integer overflow/, 2, "integer overflow"],
  [/divide by zero|remainder by zero/, 3, "integer divide by zero"],
  [/float unrepresentable|invalid conversion/, 4, "invalid conversion"],
  [/unreachable/, 5, "unreachable executed"],
  [/signature mismatch|null function/, 6, "indirect call signature mismatch"],
  [/call stack/, 8, "call stack exhausted"],
];

function lookup(e: unknown): [RegExp, number, string] | undefined {
  if (!(e instanceof WebAssembly.RuntimeError) && !(e instanceof RangeError)) return undefined;
  return TRAPS.find(([re]) => re.test(e.message)) ?? [/./, 0, "unknown trap"];
}

export const trapName = (e: unknown): string | undefined => lookup(e)?.[2];
export const trapCode = (e: unknown): number | undefined => lookup(e)?.[1];
