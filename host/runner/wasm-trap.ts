import { TRAPS, TRAP_CALL_STACK_EXHAUSTED } from "../abi.js";

/**
 * wasm2c's trap codes and names (host/abi.ts: wasm-rt.h's, as boards/armv8m/runtime/wasm_rt.c and
 * the SPM report them), found from V8's message for the same trap, so the host runner reports a
 * trap exactly as the target does.
 */
const V8_MESSAGES: [RegExp, number][] = [
  [/out of bounds/, 1],
  [/integer overflow/, 2],
  [/divide by zero|remainder by zero/, 3],
  [/float unrepresentable|invalid conversion/, 4],
  [/unreachable/, 5],
  [/signature mismatch|null function/, 6],
  [/call stack/, TRAP_CALL_STACK_EXHAUSTED],
];
const TRAPS_BY_CODE = new Map(TRAPS);
const TRAPS_FOUND: [RegExp, number, string][] = V8_MESSAGES.map(([re, code]) => [re, code, TRAPS_BY_CODE.get(code)!]);

function lookup(e: unknown): [RegExp, number, string] | undefined {
  if (!(e instanceof WebAssembly.RuntimeError) && !(e instanceof RangeError)) return undefined;
  return TRAPS_FOUND.find(([re]) => re.test(e.message)) ?? [/./, 0, "unknown trap"];
}

export const trapName = (e: unknown): string | undefined => lookup(e)?.[2];
export const trapCode = (e: unknown): number | undefined => lookup(e)?.[1];
