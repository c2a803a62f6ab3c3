// Programs the MPU from the region plan through the platform interface: the static regions once
// at boot, a partition's dynamic regions whenever it is about to run. The plan was checked at
// build time (its count against the board's MPU), so boot only computes addresses.
import {
  ISOLATION_LEVEL, ISOLATION_RULES, MMIO_COUNT, PARTITION_COUNT, MPU_REGIONS, BOARD_PXN,
} from "bulkhead/spm_tables";
import {
  platform_layout, platform_mpu_configure, platform_mpu_set_region,
} from "../spm/platform";
import { mmioBase, mmioPartition, mmioSize, mmioWritable, partitionFlags } from "../spm/tables";
import {
  IN_CODE, IN_LEVEL, IN_MMIO_COUNT, IN_MMIO_WORDS, IN_PARTITION, IN_PARTITION_WORDS, IN_PARTITIONS, IN_PXN, IN_RULES, IN_WORDS,
  MAX_ROWS, OUT_ATTR, OUT_BASE, OUT_END, OUT_OWNER, OUT_TYPE, OUT_WORDS, E_FIRST, STATIC, plan, rowWord, unprivileged,
} from "./plan";
import { MAIR0, rbar, rlar } from "./regions";

const INPUT = memory.data(<i32>IN_WORDS << 2);
const PLAN = memory.data(<i32>(MAX_ROWS * OUT_WORDS) << 2);
// Per partition: its first plan row and how many rows it has.
const DYNAMIC = memory.data(<i32>(PARTITION_COUNT + 1) << 3);
const NOBODY: u32 = 0xffffffff;

let staticCount: u32 = 0;
let loaded: u32 = NOBODY;
let loadedCount: u32 = 0;

// Platform layout words: code, constant data and the SPM's private data (start, end each, as the
// plan's input has them from IN_CODE), then each partition's private data (start, end).
const LAYOUT_PARTITIONS: u32 = IN_PARTITION - IN_CODE;

@inline export function partitionUnprivileged(p: u32): bool {
  return unprivileged(ISOLATION_LEVEL, partitionFlags(p));
}

function fillInput(): void {
  const w = (i: u32, v: u32): void => store<u32>(INPUT + (<usize>i << 2), v);
  w(IN_LEVEL, ISOLATION_LEVEL);
  w(IN_RULES, ISOLATION_RULES);
  w(IN_PXN, BOARD_PXN);
  w(IN_PARTITIONS, PARTITION_COUNT);
  w(IN_MMIO_COUNT, MMIO_COUNT);
  for (let i: u32 = 0; i < LAYOUT_PARTITIONS; i++) w(IN_CODE + i, platform_layout(i));
  for (let p: u32 = 0; p < PARTITION_COUNT; p++) {
    const at = IN_PARTITION + p * IN_PARTITION_WORDS;
    w(at, partitionFlags(p));
    w(at + 1, platform_layout(LAYOUT_PARTITIONS + 2 * p));
    w(at + 2, platform_layout(LAYOUT_PARTITIONS + 2 * p + 1));
  }
  const mmio = IN_PARTITION + PARTITION_COUNT * IN_PARTITION_WORDS;
  for (let m: u32 = 0; m < MMIO_COUNT; m++) {
    const at = mmio + m * IN_MMIO_WORDS;
    w(at, mmioPartition(m));
    w(at + 1, mmioBase(m));
    w(at + 2, mmioSize(m));
    w(at + 3, mmioWritable(m) ? 1 : 0);
  }
}

function program(rnr: u32, row: u32): void {
  const t = rowWord(PLAN, row, OUT_TYPE);
  platform_mpu_set_region(rnr, rbar(t, rowWord(PLAN, row, OUT_BASE)), rlar(t, rowWord(PLAN, row, OUT_END), rowWord(PLAN, row, OUT_ATTR)));
}

// Boot: the static regions, then the MPU on. False when the plan cannot be honoured (the build
// checks the same plan, so only a layout the build did not make gets here).
export function mpuBoot(): bool {
  fillInput();
  const count = plan(INPUT, PLAN);
  if (count >= E_FIRST) return false;
  for (let r: u32 = 0; r < count; r++) {
    const owner = rowWord(PLAN, r, OUT_OWNER);
    if (owner == STATIC) {
      program(staticCount++, r);
      continue;
    }
    const at = DYNAMIC + (<usize>owner << 3);
    if (load<u32>(at, 4) == 0) store<u32>(at, r);
    store<u32>(at, load<u32>(at, 4) + 1, 4);
  }
  for (let rnr = staticCount; rnr < MPU_REGIONS; rnr++) platform_mpu_set_region(rnr, 0, 0);
  platform_mpu_configure(MAIR0);
  return true;
}

// Partition p is about to run: its regions replace the previous partition's. Privileged
// partitions need none (the default map), so whatever is loaded stays.
export function mpuActivate(p: u32): void {
  if (loaded == p || !partitionUnprivileged(p)) return;
  const at = DYNAMIC + (<usize>p << 3);
  const first = load<u32>(at);
  const count = load<u32>(at, 4);
  for (let i: u32 = 0; i < count; i++) program(staticCount + i, first + i);
  for (let i = count; i < loadedCount; i++) platform_mpu_set_region(staticCount + i, 0, 0);
  loaded = p;
  loadedCount = count;
}
