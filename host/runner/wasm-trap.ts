/**
 * The name wasm2c's runtime gives a trap (boards/armv8m/runtime/wasm_rt.c), for the V8 message of
 * the same trap, so the host runner reports a trap exactly as the target does.
 */
const NAMES: [RegExp, string][] = [
  [/unreachable/, "unreachable executed"],
  [/out of bounds/, "out-of-bounds memory access"],
  [/divide by zero|remainder by zero/, "integer divide by zero"],
  [/integer overflow/, "integer overflow"],
  [/float unrepresentable|invalid conversion/, "invalid conversion"],
  [/signature mismatch|null function/, "indirect call signature mismatch"],
  [/call stack/, "call stack exhausted"],
];

export function trapName(e: unknown): string | undefined {
  if (!(e instanceof WebAssembly.RuntimeError) && !(e instanceof RangeError)) return undefined;
  return NAMES.find(([re]) => re.test(e.message))?.[1] ?? "unknown trap";
}
