// The SPM module's exports: what the boot code, the NS veneers and partition imports call.
import { PARTITION_COUNT, SERVICE_COUNT } from "bulkhead/spm_tables";
import { callFromNs, frameworkVersion, versionForNs } from "./client_api";
import { print, printDec } from "./console";
import { setMemory } from "./memory";
import { read, skip, write } from "./service_api";

export function spm_set_memory(row: u32, base: u32, size: u32): bool {
  return setMemory(row, base, size);
}

export function spm_boot(): void {
  print("[SPM] bulkhead: ");
  printDec(<i32>PARTITION_COUNT);
  print(" partition(s), ");
  printDec(<i32>SERVICE_COUNT);
  print(" service(s), SFN backend\n");
}

export function psa_framework_version(): u32 {
  return frameworkVersion();
}

export function psa_version_ns(sid: u32): u32 {
  return versionForNs(sid);
}

export function psa_call_ns(handle: i32, ctrl: u32, inVec: u32, outVec: u32): i32 {
  return callFromNs(handle, ctrl, inVec, outVec);
}

export function psa_read(msgHandle: i32, idx: u32, buffer: u32, n: u32): u32 {
  return read(msgHandle, idx, buffer, n);
}

export function psa_skip(msgHandle: i32, idx: u32, n: u32): u32 {
  return skip(msgHandle, idx, n);
}

export function psa_write(msgHandle: i32, idx: u32, buffer: u32, n: u32): void {
  write(msgHandle, idx, buffer, n);
}
