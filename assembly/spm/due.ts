// What the SPM entry running now must do before it returns (settle.ts), one bit each, so that an
// entry with nothing due pays one load and one branch.
export const DUE_VERDICT: u32 = 1; // verdict.ts: a partition is condemned
export const DUE_DISCONNECT: u32 = 2; // disconnect.ts: services are to be told of ended connections
export const DUE_UNWIND: u32 = 4; // the partition this entry came from went down in it: its call is left
export const DUE_SWITCH: u32 = 8; // IPC: a thread changed state, so the scheduler looks again (threads.ts)

let due: u32 = 0;
@inline export function dueWork(): u32 { return due; }
@inline export function setDue(bit: u32): void { due |= bit; }
@inline export function clearDue(bit: u32): void { due &= ~bit; }
