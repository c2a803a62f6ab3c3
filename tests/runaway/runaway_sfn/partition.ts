// Runs away on request: a call of type 1 never returns. Any other call first works for a while
// (well inside the budget on the host runner and in QEMU), which the watchdog must allow.
import { PSA_SUCCESS, psa_msg_t } from "bulkhead/psa/service";

const counter = memory.data(4);

function work(iterations: u32): void {
  for (let i: u32 = 0; i < iterations; i++) store<u32>(counter, load<u32>(counter) + 1);
}

export function runaway_sfn_service_sfn(msg: psa_msg_t): i32 {
  if (msg.type == 1) {
    for (;;) work(1);
  }
  work(300000);
  return PSA_SUCCESS;
}
