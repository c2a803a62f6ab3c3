// The SPM module's exports: what the boot code, the NS veneers, partition imports and the
// platform's thread and fault handling call. The caller of a PSA function is the running thread
// (the NS agent for NS callers), so NS and secure clients share one entry point per function.
// Each entry that can change the SPM's state leaves through settle(): verdicts, disconnects,
// the thread switch and an SFN unwind happen there and nowhere else.
import { PSA_FRAMEWORK_VERSION } from "../psa/abi";
import { watchdogTick } from "./watchdog";
import { boot } from "./boot";
import { call, close, connect, version } from "./client_api";
import { setMemory } from "./memory";
import {
  clear, get, lifecycleState, mapInvec, mapOutvec, notify, panic, read, reply, setRhandle, skip, unmapInvec,
  unmapOutvec, wait, write,
} from "./service_api";
import { eoi, handleIrq, irqDisable, irqEnable, resetSignal } from "./irq";
import { log } from "./log";
import { mmioRead32, mmioWrite32 } from "./mmio";
import { fault, hardwareFault, initDone, sfnDone, sfnNext, threadExit } from "./thread_api";
import { currentThread } from "./threads";
import { settle, settleSwitch } from "./settle";
import { nsceAcquire, nsceInit, nsceLoad, nsceRelease, nsceSave } from "../nsce/contexts";

export function spm_set_memory(row: u32, base: u32, size: u32): bool { return setMemory(row, base, size); }
export function spm_boot(): void { boot(); settle(); }
export function spm_current_thread(): u32 { return currentThread(); }

// Client API.
export function psa_framework_version(): u32 { return PSA_FRAMEWORK_VERSION; }
export function psa_version(sid: u32): u32 { const r = version(sid); settle(); return r; }
export function psa_connect(sid: u32, v: u32): i32 { const r = connect(sid, v); settle(); return r; }
export function psa_call(handle: i32, ctrl: u32, inVec: u32, outVec: u32): i32 { const r = call(handle, ctrl, inVec, outVec); settle(); return r; }
export function psa_close(handle: i32): void { close(handle); settle(); }

// Service API.
export function psa_wait(mask: u32, timeout: u32): u32 { const r = wait(mask, timeout); settle(); return r; }
export function psa_get(signal: u32, msg: u32): i32 { const r = get(signal, msg); settle(); return r; }
export function psa_set_rhandle(handle: i32, rhandle: u32): void { setRhandle(handle, rhandle); settle(); }
export function psa_read(handle: i32, idx: u32, buffer: u32, n: u32): u32 { const r = read(handle, idx, buffer, n); settle(); return r; }
export function psa_skip(handle: i32, idx: u32, n: u32): u32 { const r = skip(handle, idx, n); settle(); return r; }
export function psa_write(handle: i32, idx: u32, buffer: u32, n: u32): void { write(handle, idx, buffer, n); settle(); }
export function psa_reply(handle: i32, status: i32): void { reply(handle, status); settle(); }
export function psa_notify(pid: i32): void { notify(pid); settle(); }
export function psa_clear(): void { clear(); settle(); }
export function psa_panic(): void { panic(); settle(); }
export function psa_map_invec(handle: i32, idx: u32, window: u32, size: u32): u32 { const r = mapInvec(handle, idx, window, size); settle(); return r; }
export function psa_unmap_invec(handle: i32, idx: u32): void { unmapInvec(handle, idx); settle(); }
export function psa_map_outvec(handle: i32, idx: u32, window: u32, size: u32): u32 { const r = mapOutvec(handle, idx, window, size); settle(); return r; }
export function psa_unmap_outvec(handle: i32, idx: u32, len: u32): void { unmapOutvec(handle, idx, len); settle(); }
export function psa_rot_lifecycle_state(): u32 { const r = lifecycleState(); settle(); return r; }
export function psa_irq_enable(signal: u32): void { irqEnable(signal); settle(); }
export function psa_irq_disable(signal: u32): u32 { const r = irqDisable(signal); settle(); return r; }
export function psa_reset_signal(signal: u32): void { resetSignal(signal); settle(); }
export function psa_eoi(signal: u32): void { eoi(signal); settle(); }
export function bulkhead_log(buffer: u32, len: u32): void { log(buffer, len); settle(); }
export function bulkhead_mmio_read32(addr: u32): u32 { const r = mmioRead32(addr); settle(); return r; }
export function bulkhead_mmio_write32(addr: u32, value: u32): void { mmioWrite32(addr, value); settle(); }

// Partition threads (IPC backend) and faults.
export function spm_init_done(status: i32): void { initDone(status); settle(); }
export function spm_sfn_next(): u32 { const r = sfnNext(); settle(); return r; }
export function spm_sfn_done(status: i32): u32 { const r = sfnDone(status); settle(); return r; }
export function spm_thread_exit(): void { threadExit(); settle(); }
export function spm_fault(code: u32): void { fault(code); settle(); }
export function spm_hw_fault(kind: u32, address: u32, status: u32): void { hardwareFault(kind, address, status); settle(); }
// The platform's handler for interrupt line `line` (handler mode on the target).
export function spm_irq(line: u32): void { handleIrq(line); settle(); }
// The watchdog's tick while partition code ran: 1 when that partition is past its budget.
export function spm_watchdog_tick(): u32 { return watchdogTick() ? 1 : 0; }

// NSCE, for the NS scheduler (through veneers that only an NS handler may call).
export function tfm_nsce_init(requested: u32): u32 { const r = nsceInit(requested); settle(); return r; }
export function tfm_nsce_acquire_ctx(gid: u32, tid: u32): u32 { const r = nsceAcquire(gid, tid); settle(); return r; }
export function tfm_nsce_release_ctx(token: u32): u32 { const r = nsceRelease(token); settle(); return r; }
export function tfm_nsce_load_ctx(token: u32, nsid: i32): u32 { const r = nsceLoad(token, nsid); settleSwitch(); return r; }
export function tfm_nsce_save_ctx(token: u32): u32 { const r = nsceSave(token); settleSwitch(); return r; }
