// The runaway image's NS client: "[WD] <case>: <status>" per case. A runaway partition must be
// panicked (by the watchdog, its stack limit or its heap budget; its client gets
// PSA_ERROR_CONNECTION_REFUSED), its long-but-bounded calls must not be, and the partition without
// a budget serves throughout.
import {
  GREEDY_SERVICE_HANDLE, NO_HEAP_SERVICE_HANDLE, NULLER_SERVICE_HANDLE, RUNAWAY_IPC_SERVICE_SID, RUNAWAY_SFN_SERVICE_HANDLE, RUNAWAY_STACK_SERVICE_HANDLE,
  TFM_ECHO_SERVICE_HANDLE,
} from "psa_manifest/sid";
import { PSA_VERSION_NONE, psa_call, psa_connect, psa_version } from "bulkhead/psa/client";
import { print } from "bulkhead/ns/console";

const IN = memory.data(8);
const OUT = memory.data(8);
const TEXT = memory.data(4);
const REPLY = memory.data(4);

function report(what: string, status: i32): void {
  print("[WD] " + what + ": " + status.toString() + "\n");
}

function echo(): i32 {
  store<u32>(TEXT, 0x6b6f); // "ok"
  store<u32>(IN, <u32>TEXT);
  store<u32>(IN, 2, 4);
  store<u32>(OUT, <u32>REPLY);
  store<u32>(OUT, 4, 4);
  const status = psa_call(TFM_ECHO_SERVICE_HANDLE, 0, IN, 1, OUT, 1);
  return status == 0 && load<u16>(REPLY) == 0x4b4f ? 0 : -1;
}

@external("ns", "boot_arg") declare function boot_arg(): u32;

export function main(): i32 {
  // Boot 1: the IPC system deadlocks (a service never replies and waits for what never comes).
  if (boot_arg() == 1) {
    print("[WD] deadlock\n");
    return psa_call(psa_connect(RUNAWAY_IPC_SERVICE_SID, 1), 2, 0, 0, 0, 0);
  }
  report("SFN: a long call inside the budget", psa_call(RUNAWAY_SFN_SERVICE_HANDLE, 0, 0, 0, 0, 0));
  report("SFN: an SFN that never returns", psa_call(RUNAWAY_SFN_SERVICE_HANDLE, 1, 0, 0, 0, 0));
  report("the partition without a budget still serves", echo());
  report("SFN: restarted (restarts: 1), a long call inside the budget passes again", psa_call(RUNAWAY_SFN_SERVICE_HANDLE, 0, 0, 0, 0, 0));
  report("SFN: runs away again", psa_call(RUNAWAY_SFN_SERVICE_HANDLE, 1, 0, 0, 0, 0));
  report("SFN: no restart left, it stays dead", psa_call(RUNAWAY_SFN_SERVICE_HANDLE, 0, 0, 0, 0, 0));
  report("unbounded recursion", psa_call(RUNAWAY_STACK_SERVICE_HANDLE, 1, 0, 0, 0, 0));
  report("... the others still serve", echo());
  report("heap_size 0x140: three 64-byte buffers fit", psa_call(GREEDY_SERVICE_HANDLE, 3, 0, 0, 0, 0));
  report("heap_size 0x140: a fourth is past the budget", psa_call(GREEDY_SERVICE_HANDLE, 1, 0, 0, 0, 0));
  report("no heap_size: no heap", psa_call(NO_HEAP_SERVICE_HANDLE, 0, 0, 0, 0, 0));
  report("... the others still serve", echo());
  // NULL from a partition (issue 17, item 4): each case panics it; its restart serves the next.
  const NULLS = ["a NULL invec array", "a NULL invec base", "psa_read into NULL", "psa_write from NULL", "psa_read below static data"];
  for (let i = 0; i < NULLS.length; i++) {
    // Four bytes each way; a call writes its output length back, so every call sets them afresh.
    store<u32>(IN, <u32>TEXT);
    store<u32>(IN, 4, 4);
    store<u32>(OUT, <u32>REPLY);
    store<u32>(OUT, 4, 4);
    report("NULL: " + NULLS[i], psa_call(NULLER_SERVICE_HANDLE, i + 1, IN, 1, OUT, 1));
  }
  if (psa_version(RUNAWAY_IPC_SERVICE_SID) != PSA_VERSION_NONE) {
    const h = psa_connect(RUNAWAY_IPC_SERVICE_SID, 1);
    report("IPC: a long call inside the budget", h > 0 ? psa_call(h, 0, 0, 0, 0, 0) : h);
    report("IPC: a thread that never waits again", psa_call(h, 1, 0, 0, 0, 0));
    report("IPC: the partition without a budget still serves", echo());
    const again = psa_connect(RUNAWAY_IPC_SERVICE_SID, 1);
    report("IPC: restarted at the next connect (restarts: 1), a long call inside the budget passes again", again > 0 ? psa_call(again, 0, 0, 0, 0, 0) : again);
  }
  print("[WD] done\n");
  return 0;
}
