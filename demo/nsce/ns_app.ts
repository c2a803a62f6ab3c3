// The NSCE demo's NS application. From thread mode it first checks that NSCE refuses it (NSCE is
// for the NS scheduler's handlers), then runs the scheduler demo (demo/nsce/tasks.c), then checks
// that with NSCE in use and no context loaded its own secure calls are refused.
import { DEMO_SENSOR_SERVICE_SID, DEMO_SENSOR_SERVICE_VERSION, DEMO_WHOAMI_SERVICE_HANDLE } from "psa_manifest/sid";
import { print } from "bulkhead/ns/console";
import { PSA_IPC_CALL, PSA_VERSION_NONE, psa_call, psa_version } from "bulkhead/psa/client";
import { PSA_ERROR_PROGRAMMER_ERROR } from "bulkhead/psa/status";
import {
  TFM_NS_CLIENT_ERR_INVALID_ACCESS, TFM_NS_CLIENT_INVALID_TOKEN, tfm_nsce_acquire_ctx, tfm_nsce_init, tfm_nsce_load_ctx,
} from "bulkhead/nsce/client";

@external("nsce_demo", "run") declare function demo_run(whoami: i32, sensor: i32, manageNsid: u32): u32;
@external("nsce_demo", "manage_nsid") declare function manage_nsid(): u32;

function check(what: string, ok: bool): bool {
  print("[NS] " + what + (ok ? ": ok\n" : ": WRONG\n"));
  return ok;
}

export function main(): i32 {
  let ok = check("NSCE init from thread mode is refused", tfm_nsce_init(0) == 0);
  ok = check("NSCE acquire from thread mode is refused", tfm_nsce_acquire_ctx(1, 1) == TFM_NS_CLIENT_INVALID_TOKEN) && ok;
  ok = check("NSCE load from thread mode is refused", tfm_nsce_load_ctx(0, -2) == TFM_NS_CLIENT_ERR_INVALID_ACCESS) && ok;
  // The sensor partition is IPC-model: under the SFN backend the build leaves it out, and with it
  // its generated handle; its manifest fixes stateless_handle 2, so the handle is known anyway.
  const sensorHandle = <i32>(0x40000000 | (DEMO_SENSOR_SERVICE_VERSION << 8) | 2);
  const sensor = psa_version(DEMO_SENSOR_SERVICE_SID) == PSA_VERSION_NONE ? 0 : sensorHandle;
  ok = check("every task saw its own client ID", demo_run(DEMO_WHOAMI_SERVICE_HANDLE, sensor, manage_nsid()) == 0) && ok;
  const status = psa_call(DEMO_WHOAMI_SERVICE_HANDLE, PSA_IPC_CALL, 0, 0, 0, 0);
  ok = check("a call with NSCE in use and no context loaded is refused", status == PSA_ERROR_PROGRAMMER_ERROR) && ok;
  print(ok ? "[NS] NSCE demo passed\n" : "[NS] NSCE demo FAILED\n");
  return ok ? 0 : 1;
}
