// A partition's runtime: bump allocation that never frees (a partition allocates at start-up, if
// at all), bounded by its manifest's heap_size. An allocation past the budget traps as an
// out-of-memory one would (unreachable), on the target and on the host runner alike; heap_size: 0
// means no heap. The SPM and the NS application keep asconfig.json's stub runtime. The build
// (host/image/wasm.ts) puts this file in place of the stub's index, with the import below
// replaced by the partition's heap_size.
import { AL_MASK, BLOCK, BLOCK_OVERHEAD, BLOCK_MAXSIZE, OBJECT, OBJECT_MAXSIZE, OBJECT_OVERHEAD } from "~lib/rt/common";
import { HEAP_SIZE } from "bulkhead_heap/size";

// The first block's header sits just below a 16-byte aligned payload, as every block's does.
// @ts-ignore: decorator
@lazy const heapEnd: usize = __heap_base + HEAP_SIZE;
// @ts-ignore: decorator
@lazy let top: usize = ((__heap_base + BLOCK_OVERHEAD + AL_MASK) & ~AL_MASK) - BLOCK_OVERHEAD;

// @ts-ignore: decorator
@unsafe @global
function __alloc(size: usize): usize {
  if (size > BLOCK_MAXSIZE) unreachable();
  const payload = ((size + BLOCK_OVERHEAD + AL_MASK) & ~AL_MASK) - BLOCK_OVERHEAD;
  const block = top;
  if (payload > heapEnd - block - BLOCK_OVERHEAD || block + BLOCK_OVERHEAD > heapEnd) unreachable(); // past heap_size
  changetype<BLOCK>(block).mmInfo = payload;
  top = block + BLOCK_OVERHEAD + payload;
  return block + BLOCK_OVERHEAD;
}

// @ts-ignore: decorator
@unsafe @global
function __realloc(ptr: usize, size: usize): usize {
  const had = changetype<BLOCK>(ptr - BLOCK_OVERHEAD).mmInfo;
  if (size <= had) return ptr;
  const moved = __alloc(size);
  memory.copy(moved, ptr, had);
  return moved;
}

// @ts-ignore: decorator
@unsafe @global
function __free(ptr: usize): void {}

// @ts-ignore: decorator
@unsafe @global
function __new(size: usize, id: u32): usize {
  if (size > OBJECT_MAXSIZE) unreachable();
  const ptr = __alloc(OBJECT_OVERHEAD + size);
  const object = changetype<OBJECT>(ptr - BLOCK_OVERHEAD);
  object.gcInfo = 0;
  object.gcInfo2 = 0;
  object.rtId = id;
  object.rtSize = <u32>size;
  return ptr + OBJECT_OVERHEAD;
}

// @ts-ignore: decorator
@unsafe @global
function __renew(oldPtr: usize, size: usize): usize {
  if (size > OBJECT_MAXSIZE) unreachable();
  const ptr = __realloc(oldPtr - OBJECT_OVERHEAD, OBJECT_OVERHEAD + size);
  changetype<OBJECT>(ptr - BLOCK_OVERHEAD).rtSize = <u32>size;
  return ptr + OBJECT_OVERHEAD;
}

// Nothing is collected, so nothing is linked, pinned or visited.
// @ts-ignore: decorator
@global @unsafe
function __link(parentPtr: usize, childPtr: usize, expectMultiple: bool): void {}

// @ts-ignore: decorator
@global @unsafe
function __pin(ptr: usize): usize { return ptr; }

// @ts-ignore: decorator
@global @unsafe
function __unpin(ptr: usize): void {}

// @ts-ignore: decorator
@global @unsafe
function __visit(ptr: usize, cookie: u32): void {}

// @ts-ignore: decorator
@global @unsafe
function __collect(): void {}
