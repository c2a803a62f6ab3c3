// The restart-policy image's NS client: "[RS] <case>: <value>" per case.
import { PHOENIX_CONNECTED_SID, PHOENIX_IPC_SERVICE_SID, PHOENIX_SERVICE_HANDLE } from "psa_manifest/sid";
import { PSA_VERSION_NONE, psa_call, psa_close, psa_connect, psa_version } from "bulkhead/psa/client";
import { print } from "bulkhead/ns/console";

function report(what: string, value: i32): void {
  print("[RS] " + what + ": " + value.toString() + "\n");
}

const call = (handle: i32, type: i32): i32 => psa_call(handle, type, 0, 0, 0, 0);

export function main(): i32 {
  const p = PHOENIX_SERVICE_HANDLE;
  report("counts", call(p, 0));
  report("counts", call(p, 0));
  report("stores an ITS object", call(p, 2));
  const old = psa_connect(PHOENIX_CONNECTED_SID, 1);
  report("connects", old > 0 ? 1 : old);
  report("panics", call(p, 1));
  report("restarted: its memory is its image's again, the count starts over", call(p, 0));
  report("... entry_init ran once more", call(p, 4));
  report("a connection made before the restart is refused", call(old, 0));
  psa_close(old);
  const fresh = psa_connect(PHOENIX_CONNECTED_SID, 1);
  report("a new connection serves", fresh > 0 ? call(fresh, 0) : fresh);
  report("its ITS object outlived the restart (bytes)", call(p, 3));
  report("panics again", call(p, 1));
  report("restarted a second time", call(p, 0));
  report("panics a third time", call(p, 1));
  report("no restart left: dead for good", call(p, 0));
  report("... and its connection refused", call(fresh, 0));
  psa_close(fresh);
  if (psa_version(PHOENIX_IPC_SERVICE_SID) != PSA_VERSION_NONE) {
    const h = psa_connect(PHOENIX_IPC_SERVICE_SID, 1);
    report("IPC: counts", call(h, 0));
    report("IPC: counts", call(h, 0));
    report("IPC: panics", call(h, 1));
    psa_close(h);
    const again = psa_connect(PHOENIX_IPC_SERVICE_SID, 1);
    report("IPC: restarted at the next connect; its thread ran entry_point again, the count starts over", again > 0 ? call(again, 0) : again);
    report("IPC: panics again", call(again, 1));
    psa_close(again);
    report("IPC: no restart left", psa_connect(PHOENIX_IPC_SERVICE_SID, 1));
  }
  print("[RS] done\n");
  return 0;
}
