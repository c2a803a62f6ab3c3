// The isolation matrix's NS client. Case i (from the runner's boot_arg on) asks an attacker
// partition to read, write or execute one asset of one domain and prints
// "[ISO] <i> <attacker> <op> <target> <asset>: allowed|fault|n/a". A fault kills the attacker, so
// each kind (PSA-RoT, ARoT) has a pool; when a pool is used up the client prints
// "[ISO] next <i>" and the runner boots again from there. The last boot checks that the victims
// still serve.
import {
  ISO_PROBE_A1_SERVICE_HANDLE, ISO_PROBE_A2_SERVICE_HANDLE, ISO_PROBE_A3_SERVICE_HANDLE, ISO_PROBE_A4_SERVICE_HANDLE,
  ISO_PROBE_P1_SERVICE_HANDLE, ISO_PROBE_P2_SERVICE_HANDLE, ISO_PROBE_P3_SERVICE_HANDLE, ISO_PROBE_P4_SERVICE_HANDLE,
  ISO_VICTIM_A_SERVICE_HANDLE, ISO_VICTIM_P_SERVICE_HANDLE,
} from "psa_manifest/sid";
import {
  ISO_PROBE_A1, ISO_PROBE_A2, ISO_PROBE_A3, ISO_PROBE_A4, ISO_PROBE_P1, ISO_PROBE_P2, ISO_PROBE_P3, ISO_PROBE_P4,
  ISO_VICTIM_A, ISO_VICTIM_P,
} from "psa_manifest/pid";
import { PSA_ERROR_CONNECTION_REFUSED, PSA_ERROR_NOT_SUPPORTED, PSA_SUCCESS, psa_call } from "../../assembly/psa/client";
import { print } from "../../assembly/ns/console";

@external("ns", "boot_arg") declare function boot_arg(): u32;

const POOL: u32 = 4;
const KINDS = ["PRoT", "ARoT"];
const HANDLES: StaticArray<i32> = [
  ISO_PROBE_P1_SERVICE_HANDLE, ISO_PROBE_P2_SERVICE_HANDLE, ISO_PROBE_P3_SERVICE_HANDLE, ISO_PROBE_P4_SERVICE_HANDLE,
  ISO_PROBE_A1_SERVICE_HANDLE, ISO_PROBE_A2_SERVICE_HANDLE, ISO_PROBE_A3_SERVICE_HANDLE, ISO_PROBE_A4_SERVICE_HANDLE,
];
const PIDS: StaticArray<i32> = [
  ISO_PROBE_P1, ISO_PROBE_P2, ISO_PROBE_P3, ISO_PROBE_P4, ISO_PROBE_A1, ISO_PROBE_A2, ISO_PROBE_A3, ISO_PROBE_A4,
];
const OPS = ["read", "write", "execute"];
const TARGETS = ["self", "NS", "SPM", "PRoT-partition", "ARoT-partition"];
const ASSETS = ["code", "constant-data", "private-data", "stack", "mmio"];
// probe address() pids for the targets other than self.
const NS_PID: i32 = -1;
const SPM_PID: i32 = 0;

const REQUEST = memory.data(12);
const VALUE = memory.data(4);
const IN_VEC = memory.data(8);
const OUT_VEC = memory.data(8);

function probe(handle: i32, op: u32, pid: i32, asset: u32): i32 {
  store<u32>(REQUEST, op);
  store<i32>(REQUEST, pid, 4);
  store<u32>(REQUEST, asset, 8);
  store<usize>(IN_VEC, REQUEST);
  store<usize>(IN_VEC, 12, 4);
  store<usize>(OUT_VEC, VALUE);
  store<usize>(OUT_VEC, 4, 4);
  return psa_call(handle, 0, IN_VEC, 1, OUT_VEC, 1);
}

export function main(): i32 {
  const used = new StaticArray<u32>(2);
  const total: u32 = 2 * TARGETS.length * ASSETS.length * OPS.length;
  for (let i = boot_arg(); i < total; i++) {
    const op = i % 3;
    const asset = (i / 3) % 5;
    const target = (i / 15) % 5;
    const kind = i / 75;
    if (used[kind] == POOL) {
      print("[ISO] next " + i.toString() + "\n");
      return 0;
    }
    const attacker = kind * POOL + used[kind];
    const pid = target == 0 ? PIDS[attacker] : target == 1 ? NS_PID : target == 2 ? SPM_PID : target == 3 ? ISO_VICTIM_P : ISO_VICTIM_A;
    const status = probe(HANDLES[attacker], op, pid, asset);
    const outcome = status == PSA_SUCCESS ? "allowed" : status == PSA_ERROR_CONNECTION_REFUSED ? "fault" : status == PSA_ERROR_NOT_SUPPORTED ? "n/a" : "status " + status.toString();
    if (status == PSA_ERROR_CONNECTION_REFUSED) used[kind]++;
    print("[ISO] " + i.toString() + " " + KINDS[kind] + " " + OPS[op] + " " + TARGETS[target] + " " + ASSETS[asset] + ": " + outcome + "\n");
  }
  const alive = psa_call(ISO_VICTIM_P_SERVICE_HANDLE, 0, 0, 0, 0, 0) == PSA_SUCCESS && psa_call(ISO_VICTIM_A_SERVICE_HANDLE, 0, 0, 0, 0, 0) == PSA_SUCCESS;
  print(alive ? "[ISO] victims serve\n" : "[ISO] a victim died\n");
  print("[ISO] done\n");
  return 0;
}
