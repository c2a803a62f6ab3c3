import type { Board } from "../board.js";

/**
 * The board's interrupt controller and the devices partitions drive, as the host runner models
 * them. Host time is counted in CPU cycles and moves in steps the runner chooses: NS code between
 * two secure calls, a device register access, or — when every thread waits — straight to the next
 * device event, as the target's WFI would. Interrupts are taken at those steps only, so a run is
 * deterministic; the order of events matches the target's, not the cycle counts.
 */
export class Devices {
  private readonly enabled = new Set<number>();
  private readonly pending = new Set<number>();
  private readonly timers: CmsdkTimer[] = [];
  private readonly flash?: { base: number; model: FlashModel };

  /** `flash` backs the board's ITS flash region; a fresh, erased one when not given. */
  constructor(board: Board, flash?: FlashModel) {
    for (const [name, p] of Object.entries(board.peripherals)) {
      if (/TIMER\d*$/.test(name) && p.irq !== undefined) this.timers.push(new CmsdkTimer(p.base, p.irq, (line) => this.pending.add(line)));
      if (name === "TFM_PERIPHERAL_ITS_FLASH") this.flash = { base: p.base, model: flash ?? new FlashModel(p.size) };
    }
  }

  irqEnable(line: number): void {
    this.enabled.add(line);
  }

  /** 1 when the line was enabled before. */
  irqDisable(line: number): number {
    return this.enabled.delete(line) ? 1 : 0;
  }

  irqClearPending(line: number): void {
    this.pending.delete(line);
  }

  /** The lowest pending, enabled line (the NVIC's order among equal priorities), taken. */
  takeInterrupt(): number | undefined {
    const line = [...this.pending].filter((l) => this.enabled.has(l)).sort((a, b) => a - b)[0];
    if (line !== undefined) this.pending.delete(line);
    return line;
  }

  advance(cycles: number): void {
    for (const t of this.timers) t.advance(cycles);
  }

  /** WFI: time jumps to the next interrupt a device will raise; false when none ever will. */
  idle(): boolean {
    for (;;) {
      if ([...this.pending].some((l) => this.enabled.has(l))) return true;
      const next = Math.min(...this.timers.map((t) => t.cyclesToInterrupt(this.enabled)));
      if (!Number.isFinite(next)) return false;
      this.advance(next);
    }
  }

  /** addr's offset in the ITS flash, or undefined when it is not there. */
  private flashOffset(addr: number): number | undefined {
    const f = this.flash;
    return f && addr >= f.base && addr < f.base + f.model.size ? addr - f.base : undefined;
  }

  read32(addr: number): number | undefined {
    for (const t of this.timers) if (t.holds(addr)) return t.read(addr - t.base);
    const at = this.flashOffset(addr);
    return at === undefined ? undefined : this.flash!.model.read32(at);
  }

  write32(addr: number, value: number): boolean {
    const at = this.flashOffset(addr);
    if (at !== undefined) {
      this.flash!.model.write32(at, value);
      return true;
    }
    for (const t of this.timers) {
      if (t.holds(addr)) {
        t.write(addr - t.base, value);
        return true;
      }
    }
    return false;
  }
}

const CTRL_ENABLE = 1;
const CTRL_IRQ_ENABLE = 8;

/** The CMSDK APB timer (Arm DDI 0479C): CTRL, VALUE, RELOAD, INTSTATUS/INTCLEAR; counts down, reloads at 0. */
class CmsdkTimer {
  private ctrl = 0;
  private value = 0;
  private reload = 0;
  private intStatus = 0;

  constructor(
    readonly base: number,
    readonly line: number,
    private readonly raise: (line: number) => void,
  ) {}

  holds(addr: number): boolean {
    return addr >= this.base && addr < this.base + 0x1000;
  }

  read(offset: number): number {
    switch (offset) {
      case 0x0: return this.ctrl;
      case 0x4: return this.value;
      case 0x8: return this.reload;
      case 0xc: return this.intStatus;
      default: return 0;
    }
  }

  write(offset: number, v: number): void {
    switch (offset) {
      case 0x0: this.ctrl = v & 0xf; break;
      case 0x4: this.value = v >>> 0; break;
      case 0x8: this.reload = v >>> 0; this.value = v >>> 0; break;
      case 0xc: if (v & 1) this.intStatus = 0; break;
    }
  }

  /** Cycles until this timer raises its line (Infinity if it will not, or the line is disabled). */
  cyclesToInterrupt(enabled: Set<number>): number {
    const counting = (this.ctrl & CTRL_ENABLE) && (this.ctrl & CTRL_IRQ_ENABLE) && enabled.has(this.line);
    return counting ? Math.max(this.value, 1) : Infinity;
  }

  advance(cycles: number): void {
    if (!(this.ctrl & CTRL_ENABLE)) return;
    let left = cycles;
    while (left >= this.value && left > 0) {
      left -= Math.max(this.value, 1);
      this.value = this.reload;
      this.intStatus = 1;
      if (this.ctrl & CTRL_IRQ_ENABLE) this.raise(this.line);
      if (this.reload === 0) return;
    }
    this.value -= left;
  }
}

/** The power failed: what FlashModel throws at the write it was told to cut before. */
export class PowerCut extends Error {}

/**
 * The memory behind the ITS flash region (as on the target: the flash rules are the driver's,
 * assembly/lib/flash.ts). It outlives a secure world, so a test can boot another one on it, and it
 * can cut the power before any write: a word is written whole or not at all, so a page erase (one
 * write per word) can be cut part-way.
 */
export class FlashModel {
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  /** Writes since the model was made. */
  writes = 0;
  /** The write the power fails before (none when undefined). */
  cutBefore?: number;
  /** Worn-out words: they read 0 whatever is written, erases included. */
  private readonly stuck = new Set<number>();

  constructor(readonly size: number) {
    this.bytes = new Uint8Array(size).fill(0xff);
    this.view = new DataView(this.bytes.buffer);
  }

  read32(offset: number): number {
    return this.view.getUint32(offset, true);
  }

  write32(offset: number, value: number): void {
    if (this.writes === this.cutBefore) throw new PowerCut(`power cut before flash write ${this.writes}`);
    this.writes++;
    this.view.setUint32(offset, this.stuck.has(offset) ? 0 : value, true);
  }

  stuckAtZero(offset: number): void {
    this.stuck.add(offset);
    this.view.setUint32(offset, 0, true);
  }
}
