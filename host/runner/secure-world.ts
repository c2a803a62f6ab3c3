import { readFileSync } from "node:fs";
import type { WasmSet } from "../image/build.js";
import { ASYNCIFY_DATA, ASYNCIFY_END } from "../image/asyncify.js";
import { Devices, type FlashModel } from "./devices.js";
import { MemoryMap, wasmRegion } from "./memory-map.js";
import { Mpu } from "./mpu.js";
import { hostLayout, probeImports } from "./probe.js";
import { unprivileged } from "../manifest/isolation.js";
import { trapCode, trapName } from "./wasm-trap.js";
import { EXIT, NO_ROW, PSA_MSG_SLOT, callPack } from "../abi.js";

// The port's fault kind for a watchdog expiry (boards/armv8m/include/bulkhead/faults.h).
const FAULT_WATCHDOG = 5;
const ASYNCIFY_UNWINDING = 1;
const ASYNCIFY_REWINDING = 2;
// Host time (see devices.ts): what NS code between two secure calls and a register access cost.
const NS_CYCLES = 1000;
const MMIO_CYCLES = 16;

type Fn = (...args: number[]) => number;

/** The SPM's exports (assembly/spm/index.ts). */
export interface SpmExports {
  memory: WebAssembly.Memory;
  spm_set_memory(row: number, base: number, size: number): number;
  spm_boot(): void;
  spm_current_thread(): number;
  spm_watchdog_tick(): number;
  psa_framework_version(): number;
  psa_version(sid: number): number;
  psa_connect(sid: number, version: number): number;
  psa_call(handle: number, ctrl: number, inVec: number, outVec: number): number;
  psa_close(handle: number): void;
  spm_init_done(status: number): void;
  spm_sfn_next(): number;
  spm_sfn_done(status: number): number;
  spm_thread_exit(): void;
  spm_fault(code: number): void;
  spm_hw_fault(kind: number, address: number, status: number): void;
  spm_irq(line: number): void;
  [name: string]: unknown;
}

/** A trap in the SPM's own code: the SPM halts, as the target does. */
// The exit codes the C port halts with (boards/armv8m/secure/startup.c, faults.c).
export const SECURE_TRAP_EXIT = EXIT.SECURE_TRAP;
export const SECURE_FAULT_EXIT = EXIT.SECURE_FAULT;

/** The secure side halted the system, with the exit code the target reports. */
export class SecureTrap extends Error {
  constructor(what: string, readonly exitCode: number = SECURE_TRAP_EXIT) {
    super(what);
  }
}
/** The SPM gave up on the running partition (platform abort_partition): unwind out of its code. */
class PartitionAbort extends Error {}

export interface SecureWorld {
  spm: SpmExports;
  /**
   * Calls into the SPM as the NS agent thread (what a veneer does) and returns what the NS caller
   * gets. Under the IPC backend the call may block the NS agent: the partition threads it woke run
   * first, until the SPM schedules the NS agent again.
   */
  ns(f: (spm: SpmExports) => number | void): number;
}

const load = (wasm: string, imports: WebAssembly.Imports) =>
  new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasm)), imports).exports;


/**
 * The secure side on the host: the SPM module and each partition module, one instance each, wired
 * as the C port wires them on the target. Under the IPC backend every partition has a thread,
 * modelled as a generator that runs the partition's Asyncify'd code and suspends where the
 * target's thread would be switched out.
 */
export function bootSecureWorld(set: WasmSet, map: MemoryMap, putc: (byte: number) => void, report: (line: string) => void, flash?: FlashModel): SecureWorld {
  const ipc = set.backend === "ipc";
  const parts = set.partitions;
  // Threads: the NS agents (0, and 1 + k for NSCE context k), then one per partition.
  const firstPartitionThread = set.nsContexts + 1;
  const results = new Array<number>(firstPartitionThread + parts.length).fill(0);
  const instances: WebAssembly.Exports[] = [];

  // Any trap inside the SPM is fatal: it is reported and the secure world stops.
  const guard = <A extends unknown[], R>(f: (...a: A) => R) => (...a: A): R => {
    try {
      return f(...a);
    } catch (e) {
      const name = trapName(e);
      if (name === undefined) throw e;
      report(`[SPM] FATAL Wasm trap in secure code: ${name}\n`);
      throw new SecureTrap(name);
    }
  };

  // Partition code trapped: the SPM panics it (and aborts it), the others go on.
  // The SPM is told (and panics the partition), then the partition's code is unwound.
  const abortRunning = (tellSpm: () => void): never => {
    try {
      guard(tellSpm)();
    } catch (abort) {
      if (!(abort instanceof PartitionAbort)) throw abort;
    }
    throw new PartitionAbort();
  };
  const partitionFault = (e: unknown): never => {
    const code = trapCode(e);
    if (code === undefined || e instanceof SecureTrap) throw e;
    return abortRunning(() => spm.spm_fault(code));
  };

  // SFN backend: partition code runs nested in the SPM's call; an abort or a trap ends only it.
  const runNested = (f: () => number): number => {
    try {
      return f();
    } catch (e) {
      if (e instanceof PartitionAbort) return 0;
      try {
        return partitionFault(e);
      } catch (abort) {
        if (abort instanceof PartitionAbort) return 0;
        throw abort;
      }
    }
  };

  // A fault the CPU would raise in partition code (the MPU refused it): the SPM panics the partition.
  const hardwareFault = (kind: number, address: number, status: number): never =>
    abortRunning(() => spm.spm_hw_fault(kind, address, status));
  // A metered partition's loops tick (image/watchdog-meter.ts) as the target's SysTick does; one
  // past its budget is unwound as a faulting one is.
  const watchdogTick = () => {
    if (guard(() => spm.spm_watchdog_tick())()) hardwareFault(FAULT_WATCHDOG, 0, 0);
  };

  const sfnByService: Fn[] = [];
  // A FLIH's SPM calls never switch threads (interrupt context): its instance is not unwound.
  let inFlih = false;
  const devices = new Devices(set.board, flash);
  // IRQ rows in the generated table's order (codegen: partitions, then each one's irqs).
  const flihs = parts.flatMap((part, p) => part.partition.irqs.map((q) => ({ p, name: q.flihExport })));
  const takeInterrupts = () => {
    for (let line = devices.takeInterrupt(); line !== undefined; line = devices.takeInterrupt()) {
      guard(() => spm.spm_irq(line))();
    }
  };
  // Every thread waits (IPC idle thread, or the SFN backend's psa_wait): the next device event.
  const idle = () => {
    if (!devices.idle()) {
      report("[SPM] FATAL every thread waits for an interrupt no device will raise: the system has deadlocked\n");
      throw new SecureTrap("deadlock");
    }
    takeInterrupts();
  };
  const mpu = new Mpu();
  const layout = hostLayout(set);
  // The SPM is privileged: under the MPU it may touch what the default map and P_/A_ regions allow.
  const spmAccess = (addr: number, len: number, access: "read" | "write") => {
    const refused = len > 0 ? mpu.check(addr, len, access, true) : undefined;
    if (!refused) return;
    report(`[SPM] FATAL MemManage in the SPM: ${access} of 0x${refused.address.toString(16)}\n`);
    throw new SecureTrap("MemManage", SECURE_FAULT_EXIT);
  };
  const platform = {
    putc,
    mem_copy: (dst: number, src: number, len: number) => {
      spmAccess(src >>> 0, len >>> 0, "read");
      spmAccess(dst >>> 0, len >>> 0, "write");
      map.copy(dst >>> 0, src >>> 0, len >>> 0);
    },
    layout: (i: number) => layout.words[i] ?? 0,
    mpu_set_region: (rnr: number, rbar: number, rlar: number) => mpu.setRegion(rnr, rbar >>> 0, rlar >>> 0),
    mpu_configure: (mair0: number) => mpu.configure(mair0),
    partition_access_ok: (addr: number, len: number) =>
      mpu.check(addr >>> 0, len >>> 0, "read", false) || mpu.check(addr >>> 0, len >>> 0, "write", false) ? 0 : 1,
    ns_access_ok: (addr: number, len: number, _write: number) => (map.nonSecure(addr >>> 0, len >>> 0) ? 1 : 0),
    sfn_call: (service: number, msg: number) => runNested(() => sfnByService[service](msg)),
    partition_init: (p: number) => {
      const init = parts[p].partition.entryInit;
      return init ? runNested(() => (instances[p][init] as Fn)()) : 0;
    },
    abort_partition: () => {
      throw new PartitionAbort();
    },
    // Restart policy: a fresh instance of the partition's module (its memory as the image has it);
    // under IPC a fresh thread, which runs entry_point from the top.
    partition_reset: (p: number) => {
      instantiatePartition(p);
      threads[p + firstPartitionThread] = undefined;
    },
    thread_switch: (_next: number) => {},
    // NS code on the host calls the SPM only between secure calls, never from inside one.
    ns_leave: (_t: number) => 0,
    ns_enter: (_t: number, _inSecure: number) => {},
    thread_return: (t: number, value: number) => {
      results[t] = value;
    },
    irq_enable: (line: number) => devices.irqEnable(line),
    irq_disable: (line: number) => devices.irqDisable(line),
    irq_clear_pending: (line: number) => devices.irqClearPending(line),
    wait_for_interrupt: () => idle(),
    // Interrupt context: a FLIH's trap or abort ends only the FLIH (and its partition).
    flih_call: (row: number) => {
      inFlih = true;
      try {
        return runNested(() => (instances[flihs[row].p][flihs[row].name] as Fn)());
      } finally {
        inFlih = false;
      }
    },
    mmio_read32: (addr: number) => {
      devices.advance(MMIO_CYCLES);
      return devices.read32(addr >>> 0) ?? 0;
    },
    mmio_write32: (addr: number, value: number) => {
      devices.advance(MMIO_CYCLES);
      devices.write32(addr >>> 0, value >>> 0);
    },
  };
  const spm = load(set.spm.wasm, { platform }) as unknown as SpmExports;

  // Asyncify: a partition's import call that switched threads saves the Wasm stack and unwinds.
  const startUnwind = (p: number) => {
    const inst = instances[p];
    const mem = new DataView((inst.memory as WebAssembly.Memory).buffer);
    mem.setUint32(ASYNCIFY_DATA, ASYNCIFY_DATA + 8, true);
    mem.setUint32(ASYNCIFY_DATA + 4, ASYNCIFY_END, true);
    (inst.asyncify_start_unwind as Fn)(ASYNCIFY_DATA);
  };

  // A partition's "psa" import: the SPM entry of the same name, called as that partition's thread.
  const psaImport = (p: number, f: Fn): Fn => {
    const safe = guard(f);
    if (!ipc) return safe;
    const t = p + firstPartitionThread;
    return (...args) => {
      const inst = instances[p];
      if ((inst.asyncify_get_state as Fn)() === ASYNCIFY_REWINDING) {
        (inst.asyncify_stop_rewind as Fn)();
        return results[t];
      }
      const r = safe(...args);
      if (!inFlih && spm.spm_current_thread() !== t) {
        results[t] = r;
        startUnwind(p);
      }
      return r;
    };
  };

  const psaImports = (p: number) => {
    // Every SPM export a partition may import has its name (assembly/spm/index.ts): the PSA API
    // and bulkhead's device-register access. The spm_* ones are the platform's alone.
    const direct = Object.keys(spm).filter((n) => n.startsWith("psa_") || n.startsWith("bulkhead_"));
    const imports: Record<string, Fn> = Object.fromEntries(direct.map((n) => [n, psaImport(p, spm[n] as Fn)]));
    const call = psaImport(p, spm.psa_call);
    imports.psa_call = (handle, type, inVec, inLen, outVec, outLen) => call(handle, callPack(type, inLen, outLen), inVec, outVec);
    return imports;
  };

  const modules = [{ memorySize: set.spm.memorySize, exports: spm as unknown as WebAssembly.Exports }];
  const instantiatePartition = (i: number) => {
    const p = parts[i];
    const privileged = !unprivileged(p.partition, set.isolation);
    const probe = probeImports(layout, map, devices, mpu, privileged, hardwareFault);
    const exports = load(p.hostWasm, { psa: psaImports(i), probe, watchdog: { tick: watchdogTick } });
    instances[i] = exports;
    for (const s of p.partition.services) sfnByService[s.index] = exports[s.sfnExport] as Fn;
    modules[i + 1] = { memorySize: p.memorySize, exports };
  };
  parts.forEach((_, i) => instantiatePartition(i));
  modules.forEach((m, row) => {
    const base = layout.memoryBase[row];
    map.map(wasmRegion(`secure module ${row}`, base, m.memorySize, true, () => modules[row].exports.memory as WebAssembly.Memory));
    spm.spm_set_memory(row, base, m.memorySize);
  });

  // IPC: one generator per partition thread, driven while the SPM says that thread runs.
  function* runExport(p: number, f: Fn, args: number[]): Generator<void, number> {
    const inst = instances[p];
    for (let resume = false; ; resume = true) {
      if (resume) (inst.asyncify_start_rewind as Fn)(ASYNCIFY_DATA);
      let r: number;
      try {
        r = f(...args);
      } catch (e) {
        if (e instanceof PartitionAbort) throw e;
        return partitionFault(e);
      }
      if ((inst.asyncify_get_state as Fn)() !== ASYNCIFY_UNWINDING) return r;
      (inst.asyncify_stop_unwind as Fn)();
      yield;
    }
  }

  function* spmCall(t: number, f: () => number | void): Generator<void, number> {
    let r = guard(f)() ?? 0;
    if (spm.spm_current_thread() !== t) {
      results[t] = r;
      yield;
      r = results[t];
    }
    return r;
  }

  function* thread(p: number): Generator<void, void> {
    const t = p + firstPartitionThread;
    const { partition } = parts[p];
    const inst = instances[p];
    if (partition.model === "IPC") {
      yield* runExport(p, inst[partition.entryPoint!] as Fn, []);
      yield* spmCall(t, () => spm.spm_thread_exit());
      return;
    }
    const status = partition.entryInit ? yield* runExport(p, inst[partition.entryInit] as Fn, []) : 0;
    yield* spmCall(t, () => spm.spm_init_done(status));
    // As backend_ipc.c's loop: SFN_DONE answers and hands over the next message (NO_ROW: ask again).
    let row = NO_ROW;
    for (;;) {
      if (row === NO_ROW) {
        row = (yield* spmCall(t, () => spm.spm_sfn_next())) >>> 0;
        continue;
      }
      const result = yield* runExport(p, sfnByService[row], [PSA_MSG_SLOT]);
      row = (yield* spmCall(t, () => spm.spm_sfn_done(result))) >>> 0;
    }
  }

  const threads: (Generator<void, void> | undefined)[] = [];
  const idleThread = firstPartitionThread + parts.length;
  const isAgent = (t: number) => t < firstPartitionThread;
  const runThreads = () => {
    for (let t = spm.spm_current_thread(); !isAgent(t); t = spm.spm_current_thread()) {
      if (t === idleThread) {
        idle();
        continue;
      }
      const th = (threads[t] ??= thread(t - firstPartitionThread));
      try {
        if (th.next().done) throw new Error(`partition thread ${t} ended`);
      } catch (e) {
        if (!(e instanceof PartitionAbort)) throw e;
      }
    }
  };

  const world: SecureWorld = {
    spm,
    ns: (f) => {
      // NS code ran since the last secure call; interrupts that came meanwhile are taken first.
      devices.advance(NS_CYCLES);
      takeInterrupts();
      if (ipc) runThreads(); // threads the interrupts woke preempt the NS code
      const agent = spm.spm_current_thread();
      let r = guard(f)(spm) ?? 0;
      if (ipc && !isAgent(spm.spm_current_thread())) {
        results[agent] = r;
        runThreads();
        r = results[agent];
      }
      return r;
    },
  };
  world.ns((s) => s.spm_boot());
  return world;
}
