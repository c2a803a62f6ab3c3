// Boot: partitions initialise one at a time in the build's boot order (dependencies first), so
// no message reaches a partition before it has finished initialising (backend/index.ts).
import { NS_CONTEXTS, PARTITION_COUNT, SERVICE_COUNT } from "bulkhead/spm_tables";
import { print, printDec } from "./console";
import { enableBootIrqs } from "./irq_lines";
import { mpuBoot } from "../mpu/driver";
import { T_READY, setThreadState } from "./threads";
import { BACKEND_NAME, startPartitions } from "./backend/index";

export function boot(): void {
  if (!mpuBoot()) {
    print("[SPM] FATAL the image layout does not fit the isolation level's MPU plan\n");
    unreachable();
  }
  print("[SPM] bulkhead: ");
  printDec(<i32>PARTITION_COUNT);
  print(" partition(s), ");
  printDec(<i32>SERVICE_COUNT);
  print(" service(s), ");
  print(BACKEND_NAME);
  print(" backend\n");
  enableBootIrqs();
  // NSCE contexts' agents: each runs NS code once the NS scheduler loads its context.
  for (let k: u32 = 1; k <= NS_CONTEXTS; k++) setThreadState(k, T_READY);
  startPartitions();
}
