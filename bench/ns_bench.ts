// The benchmark's NS application. For each scenario it has the NS image's timed loop
// (boards/armv8m/bench/ns_bench.c) call the secure side n times and prints
// "[BENCH] <scenario> <n> <ticks>"; host/bench turns ticks into instructions per operation.
// boot_arg() is n (0: the default).
import {
  BENCH_CONN_SERVICE_SID, BENCH_COPY_SERVICE_HANDLE, BENCH_EMPTY_SERVICE_HANDLE, BENCH_RELAY_SERVICE_HANDLE,
  BENCH_SHA_SERVICE_HANDLE,
} from "psa_manifest/sid";
import { print } from "bulkhead/ns/console";

@external("ns", "boot_arg") declare function boot_arg(): u32;
@external("bench", "run") declare function bench_run(scenario: u32, arg: u32, n: u32): u32;
@external("bench", "digest") declare function bench_digest(): u32;

const DEFAULT_N: u32 = 1000;
// SHA-256 of 1 KiB costs thousands of times a call: fewer rounds keep the run short.
const SHA_DIVISOR: u32 = 50;

// ns_bench.c's enum scenario, and the names host/bench/scenarios.ts reads.
const FLOOR_VENEER: u32 = 0, FRAMEWORK_VERSION: u32 = 1, CALL_EMPTY: u32 = 2, CALL_64B: u32 = 3, CONNECT_CALL_CLOSE: u32 = 4;
const SECURE_TO_SECURE: u32 = 5, SHA256_AOT: u32 = 6, SHA256_NATIVE: u32 = 7, FLOOR_SWITCH: u32 = 8;
const NSCE_SWITCH: u32 = 9, PSA_HASH_COMPUTE_1K: u32 = 10;
const NAMES = [
  "floor_veneer", "framework_version", "call_empty", "call_64b", "connect_call_close", "secure_to_secure",
  "compute_sha256_1k", "native_sha256_1k", "floor_switch_pair", "nsce_switch",
  "psa_hash_compute_1k",
];
// The floor's table has four services: any index below 4 is a valid handle.
const FLOOR_HANDLE: u32 = 1;

function measure(scenario: u32, arg: u32, n: u32): void {
  const ticks = bench_run(scenario, arg, n);
  print("[BENCH] " + NAMES[scenario] + " " + n.toString() + " " + ticks.toString() + "\n");
}

export function main(): i32 {
  const n = boot_arg() != 0 ? boot_arg() : DEFAULT_N;
  const shaRounds = max<u32>(1, n / SHA_DIVISOR);
  measure(FLOOR_VENEER, FLOOR_HANDLE, n);
  measure(FLOOR_SWITCH, 0, n);
  measure(FRAMEWORK_VERSION, 0, n);
  measure(CALL_EMPTY, BENCH_EMPTY_SERVICE_HANDLE, n);
  measure(CALL_64B, BENCH_COPY_SERVICE_HANDLE, n);
  measure(CONNECT_CALL_CLOSE, BENCH_CONN_SERVICE_SID, n);
  measure(SECURE_TO_SECURE, BENCH_RELAY_SERVICE_HANDLE, n);
  measure(SHA256_AOT, BENCH_SHA_SERVICE_HANDLE, shaRounds);
  const aot = bench_digest();
  measure(SHA256_NATIVE, 0, shaRounds);
  if (bench_digest() != aot) {
    print("[BENCH] FAIL the AOT and native SHA-256 digests differ\n");
    return 1;
  }
  measure(PSA_HASH_COMPUTE_1K, 0, shaRounds);
  if (bench_digest() != aot) {
    print("[BENCH] FAIL psa_hash_compute's SHA-256 digest differs from the native one\n");
    return 1;
  }
  // Last: once the NS side has used NSCE, the SPM refuses calls made without a loaded context.
  measure(NSCE_SWITCH, 0, n);
  print("[BENCH] done\n");
  return 0;
}
