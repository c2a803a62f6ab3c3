// Recurses without end on request: the stack runs out (the target's stack limit, the host's Wasm
// call stack) and only this partition dies.
import { PSA_SUCCESS, psa_msg_t } from "bulkhead/psa/service";

const depth = memory.data(4);

// Not a tail call, and a value live across the call, so no optimiser flattens it.
function recurse(n: u32): u32 {
  store<u32>(depth, n);
  return n ^ recurse(n + 1) ^ load<u32>(depth);
}

export function runaway_stack_service_sfn(msg: psa_msg_t): i32 {
  return msg.type == 1 ? <i32>recurse(0) : PSA_SUCCESS;
}
