// The isolation matrix's NS client. Case i (from the runner's boot_arg on) prints
// "[ISO] <i> <attacker> <op> <target> <asset>: allowed|fault|n/a":
// - an attacker partition reads, writes or executes one asset of one domain;
// - an attacker passes a service an iovec in a domain's memory ("iovec <target> memory");
// - each kind of attacker overflows its stack ("overflow self stack");
// - the NS side itself reads, writes and executes each secure asset ("NS ..."), which TrustZone
//   must refuse. The secure side halts on a fault that NS code raises, so the runner boots again
//   after each.
// A fault kills the attacker, so each kind (PSA-RoT, ARoT) has a pool; when a pool is used up
// the client prints "[ISO] next <i>" and the runner boots again from there. The last boot
// checks that the victims still serve.
import {
  ISO_PROBE_A1_SERVICE_HANDLE, ISO_PROBE_A2_SERVICE_HANDLE, ISO_PROBE_A3_SERVICE_HANDLE, ISO_PROBE_A4_SERVICE_HANDLE,
  ISO_PROBE_P1_SERVICE_HANDLE, ISO_PROBE_P2_SERVICE_HANDLE, ISO_PROBE_P3_SERVICE_HANDLE, ISO_PROBE_P4_SERVICE_HANDLE,
  ISO_VICTIM_A_SERVICE_HANDLE, ISO_VICTIM_P_SERVICE_HANDLE,
} from "psa_manifest/sid";
import {
  ISO_PROBE_A1, ISO_PROBE_A2, ISO_PROBE_A3, ISO_PROBE_A4, ISO_PROBE_P1, ISO_PROBE_P2, ISO_PROBE_P3, ISO_PROBE_P4,
  ISO_VICTIM_A, ISO_VICTIM_P,
} from "psa_manifest/pid";
import { PSA_ERROR_CONNECTION_REFUSED, PSA_ERROR_NOT_SUPPORTED, PSA_SUCCESS, psa_call } from "bulkhead/psa/client";
import { print } from "bulkhead/ns/console";

@external("ns", "boot_arg") declare function boot_arg(): u32;
@external("probe", "read32") declare function probe_read32(addr: u32): u32;
@external("probe", "write32") declare function probe_write32(addr: u32): void;
@external("probe", "exec") declare function probe_exec(addr: u32): void;

const POOL: u32 = 4;
const KINDS = ["PRoT", "ARoT"];
const HANDLES: StaticArray<i32> = [
  ISO_PROBE_P1_SERVICE_HANDLE, ISO_PROBE_P2_SERVICE_HANDLE, ISO_PROBE_P3_SERVICE_HANDLE, ISO_PROBE_P4_SERVICE_HANDLE,
  ISO_PROBE_A1_SERVICE_HANDLE, ISO_PROBE_A2_SERVICE_HANDLE, ISO_PROBE_A3_SERVICE_HANDLE, ISO_PROBE_A4_SERVICE_HANDLE,
];
const PIDS: StaticArray<i32> = [
  ISO_PROBE_P1, ISO_PROBE_P2, ISO_PROBE_P3, ISO_PROBE_P4, ISO_PROBE_A1, ISO_PROBE_A2, ISO_PROBE_A3, ISO_PROBE_A4,
];
const OPS = ["read", "write", "execute", "iovec", "overflow"];
const IOVEC: u32 = 3;
const OVERFLOW: u32 = 4;
const STACK: u32 = 3;
const LOCATE: u32 = 5;
const TARGETS = ["self", "NS", "SPM", "PRoT-partition", "ARoT-partition"];
const ASSETS = ["code", "constant-data", "private-data", "stack", "mmio", "memory"];
const MEMORY: u32 = 5;
// probe address() pids for the targets other than self.
const NS_PID: i32 = -1;
const SPM_PID: i32 = 0;

const REQUEST = memory.data(16);
const VALUE = memory.data(4);
const IN_VEC = memory.data(8);
const OUT_VEC = memory.data(8);

function probe(handle: i32, op: u32, pid: i32, asset: u32, self: i32): i32 {
  store<u32>(REQUEST, op);
  store<i32>(REQUEST, pid, 4);
  store<u32>(REQUEST, asset, 8);
  store<i32>(REQUEST, self, 12);
  store<usize>(IN_VEC, REQUEST);
  store<usize>(IN_VEC, 16, 4);
  store<usize>(OUT_VEC, VALUE);
  store<usize>(OUT_VEC, 4, 4);
  return psa_call(handle, 0, IN_VEC, 1, OUT_VEC, 1);
}

// Case i: the NS side makes access j itself, at an address a live PSA-RoT attacker looks up.
function nsProbe(i: u32, j: u32, attacker: u32): void {
  const op = j % 3;
  const asset = (j / 3) % 5;
  const target = 2 + j / 15;
  const pid = target == 2 ? SPM_PID : target == 3 ? ISO_VICTIM_P : ISO_VICTIM_A;
  const line = "[ISO] " + i.toString() + " NS " + OPS[op] + " " + TARGETS[target] + " " + ASSETS[asset] + ": ";
  if (probe(HANDLES[attacker], LOCATE, pid, asset, PIDS[attacker]) != PSA_SUCCESS) {
    print(line + "n/a\n");
    return;
  }
  const addr = load<u32>(VALUE);
  print(line);
  if (op == 0) probe_read32(addr);
  else if (op == 1) probe_write32(addr);
  else probe_exec(addr);
  print("allowed\n");
}

export function main(): i32 {
  const used = new StaticArray<u32>(2);
  // Raw accesses: kind × target × asset (but memory) × op (but iovec); then kind × target iovecs;
  // then a stack overflow per kind.
  const raw: u32 = 2 * 5 * 5 * 3;
  const iovecs: u32 = raw + 2 * 5;
  const overflows: u32 = iovecs + 2;
  // Then the NS side: target (SPM, PRoT-partition, ARoT-partition) × asset (but memory) × op.
  const total: u32 = overflows + 3 * 5 * 3;
  for (let i = boot_arg(); i < total; i++) {
    if (i >= overflows) {
      if (used[0] == POOL) {
        print("[ISO] next " + i.toString() + "\n");
        return 0;
      }
      nsProbe(i, i - overflows, used[0]);
      continue;
    }
    const op = i < raw ? i % 3 : i < iovecs ? IOVEC : OVERFLOW;
    const asset = i < raw ? (i / 3) % 5 : i < iovecs ? MEMORY : STACK;
    const target = i < raw ? (i / 15) % 5 : i < iovecs ? (i - raw) % 5 : 0;
    const kind = i < raw ? i / 75 : i < iovecs ? (i - raw) / 5 : i - iovecs;
    if (used[kind] == POOL) {
      print("[ISO] next " + i.toString() + "\n");
      return 0;
    }
    const attacker = kind * POOL + used[kind];
    const pid = target == 0 ? PIDS[attacker] : target == 1 ? NS_PID : target == 2 ? SPM_PID : target == 3 ? ISO_VICTIM_P : ISO_VICTIM_A;
    const status = probe(HANDLES[attacker], op, pid, asset, PIDS[attacker]);
    const outcome = status == PSA_SUCCESS ? "allowed" : status == PSA_ERROR_CONNECTION_REFUSED ? "fault" : status == PSA_ERROR_NOT_SUPPORTED ? "n/a" : "status " + status.toString();
    if (status == PSA_ERROR_CONNECTION_REFUSED) used[kind]++;
    print("[ISO] " + i.toString() + " " + KINDS[kind] + " " + OPS[op] + " " + TARGETS[target] + " " + ASSETS[asset] + ": " + outcome + "\n");
  }
  const alive = psa_call(ISO_VICTIM_P_SERVICE_HANDLE, 0, 0, 0, 0, 0) == PSA_SUCCESS && psa_call(ISO_VICTIM_A_SERVICE_HANDLE, 0, 0, 0, 0, 0) == PSA_SUCCESS;
  print(alive ? "[ISO] victims serve\n" : "[ISO] a victim died\n");
  print("[ISO] done\n");
  return 0;
}
