// The Non-secure Client Extension (TF-M NSCE): the NS scheduler's way to tell the SPM which NS
// task calls. A group of NS threads shares one context slot; a token names (slot, group, thread);
// load_ctx puts a context (and its NSID) behind the NS side's next calls, save_ctx takes it away.
// Context slot k is agent thread 1 + k, so NS tasks of different groups have their own secure
// context and, under IPC, one can wait inside a call while another calls.
//
// Every operation comes from an NS handler (the veneers check that); bad input gets the defined
// error return and changes nothing.
import { NS_CONTEXTS, NS_MANAGE_NSID } from "bulkhead/spm_tables";
import { NS_CLIENT_ID_DEFAULT } from "../psa/abi";
import { M_FREE, messageState } from "../spm/message";
import { withdrawClient } from "../spm/completion";
import { CALLS_CAN_BLOCK } from "../spm/backend/index";
import { platform_ns_enter, platform_ns_leave } from "../spm/platform";
import { NS_AGENT, T_BLOCKED, T_READY, moveNs, nsAgent, setAgentLoadable, setThreadState, threadState } from "../spm/threads";

export const TFM_NS_CLIENT_INVALID_TOKEN: u32 = 0xffffffff;
export const TFM_NS_CLIENT_ERR_SUCCESS: u32 = 0;
export const TFM_NS_CLIENT_ERR_INVALID_TOKEN: u32 = 1;
export const TFM_NS_CLIENT_ERR_INVALID_NSID: u32 = 2;
export const TFM_NS_CLIENT_ERR_INVALID_ACCESS: u32 = 3;

// Token (TF-M's layout): thread ID in bits 0..7, group ID 8..15, slot 16..23, 24..31 zero.
@inline function tokenOf(k: u32, gid: u32, tid: u32): u32 { return (k << 16) | (gid << 8) | tid; }

// Slot record: group + 1 (0: free, so zeroed memory is a free pool), the active thread, the NSID,
// whether the NS scheduler left it inside secure code, then a bitmap of the group's threads.
const GROUP = 0;
const ACTIVE_TID = 4;
const NSID = 8;
const IN_SECURE = 12;
const TIDS = 16;
const RECORD = 48;
const FREE: u32 = 0;
const NONE: u32 = 0xffffffff;

const SLOTS = memory.data(<i32>(RECORD * (NS_CONTEXTS > 0 ? NS_CONTEXTS : 1)), 4);
let granted: u32 = NS_CONTEXTS;
let inUse = false; // a context was ever acquired: the NS side's own agent may no longer call
let loaded: u32 = NONE;

@inline function slot(k: u32): usize { return SLOTS + <usize>k * RECORD; }
@inline function agentOf(k: u32): u32 { return k + 1; }
@inline function tidWord(k: u32, tid: u32): usize { return slot(k) + TIDS + ((<usize>tid >> 5) << 2); }
@inline function holds(k: u32, tid: u32): bool { return (load<u32>(tidWord(k, tid)) & (1 << (tid & 31))) != 0; }

// The slot a token names, or NONE when it is not a token acquire_ctx handed out and not yet
// released (forged, stale, or released).
function slotOf(token: u32): u32 {
  const k = token >> 16;
  const gid = (token >> 8) & 0xff;
  const tid = token & 0xff;
  if (k >= granted || load<u32>(slot(k), GROUP) != gid + 1 || !holds(k, tid)) return NONE;
  return k;
}

// tfm_nsce_init: how many context slots the NS side may use (0 asks for all there are).
export function nsceInit(requested: u32): u32 {
  if (inUse) return granted;
  granted = requested == 0 || requested > NS_CONTEXTS ? NS_CONTEXTS : requested;
  return granted;
}

// tfm_nsce_acquire_ctx: the group's context (shared by its threads), or a free slot for it.
export function nsceAcquire(gid: u32, tid: u32): u32 {
  if (gid > 0xff || tid > 0xff) return TFM_NS_CLIENT_INVALID_TOKEN;
  let free = NONE;
  for (let k: u32 = 0; k < granted; k++) {
    const g = load<u32>(slot(k), GROUP);
    if (g == gid + 1) {
      store<u32>(tidWord(k, tid), load<u32>(tidWord(k, tid)) | (1 << (tid & 31)));
      inUse = true;
      return tokenOf(k, gid, tid);
    }
    // A slot whose last call is still being answered (its task was released mid-call) waits.
    if (g == FREE && free == NONE && messageState(agentOf(k)) == M_FREE) free = k;
  }
  if (free == NONE) return TFM_NS_CLIENT_INVALID_TOKEN;
  const s = slot(free);
  memory.fill(s, 0, RECORD);
  store<u32>(s, gid + 1, GROUP);
  store<u32>(s, tid, ACTIVE_TID);
  store<i32>(s, NS_CLIENT_ID_DEFAULT, NSID);
  store<u32>(tidWord(free, tid), 1 << (tid & 31));
  setAgentLoadable(agentOf(free), true);
  inUse = true;
  return tokenOf(free, gid, tid);
}

const LEFT_NS_CODE: u32 = 0;
const LEFT_SECURE_CODE: u32 = 1; // the NS scheduler resumes that task with a secure exception return
const CANNOT_LEAVE: u32 = 2;

// The NS side leaves the agent it runs on, unless the NS handler interrupted a veneer under SFN:
// there every context shares the one secure stack (backend_sfn.c), so the task stays loaded.
function leave(): u32 {
  if (!platform_ns_leave(nsAgent())) return LEFT_NS_CODE;
  return CALLS_CAN_BLOCK ? LEFT_SECURE_CODE : CANNOT_LEAVE;
}

function enter(k: u32, inSecure: bool): void {
  const t = k == NONE ? NS_AGENT : agentOf(k);
  platform_ns_enter(t, inSecure);
  moveNs(t, inSecure);
}

// tfm_nsce_load_ctx: the NS scheduler schedules in a thread of the token's group.
export function nsceLoad(token: u32, nsid: i32): u32 {
  const k = slotOf(token);
  if (k == NONE) return TFM_NS_CLIENT_ERR_INVALID_TOKEN;
  if (NS_MANAGE_NSID && nsid >= 0) return TFM_NS_CLIENT_ERR_INVALID_NSID;
  const s = slot(k);
  const tid = token & 0xff;
  if (loaded == k) {
    // Load without save switches the NSID of the same thread; another thread of the group is a
    // task switch, which needs a save first (the first one may be inside a secure call).
    if (load<u32>(s, ACTIVE_TID) != tid) return TFM_NS_CLIENT_ERR_INVALID_ACCESS;
    store<i32>(s, nsid, NSID);
    return TFM_NS_CLIENT_ERR_SUCCESS;
  }
  if (loaded != NONE) return TFM_NS_CLIENT_ERR_INVALID_ACCESS; // the running one was not saved
  const inSecure = load<u8>(s, IN_SECURE) != 0;
  // A context left inside a secure call belongs to that thread until the call returns: another
  // thread of the group would be resumed into its call (the seed's mutual exclusion per group).
  if (inSecure && load<u32>(s, ACTIVE_TID) != tid) return TFM_NS_CLIENT_ERR_INVALID_ACCESS;
  if (leave() == CANNOT_LEAVE) return TFM_NS_CLIENT_ERR_INVALID_ACCESS;
  store<i32>(s, nsid, NSID);
  store<u32>(s, tid, ACTIVE_TID);
  loaded = k;
  enter(k, inSecure);
  return TFM_NS_CLIENT_ERR_SUCCESS;
}

// tfm_nsce_save_ctx: the NS scheduler schedules the loaded thread out.
export function nsceSave(token: u32): u32 {
  const k = slotOf(token);
  if (k == NONE) return TFM_NS_CLIENT_ERR_INVALID_TOKEN;
  if (loaded != k) return TFM_NS_CLIENT_ERR_INVALID_ACCESS;
  const left = leave();
  if (left == CANNOT_LEAVE) return TFM_NS_CLIENT_ERR_INVALID_ACCESS;
  store<u8>(slot(k), left == LEFT_SECURE_CODE ? 1 : 0, IN_SECURE);
  loaded = NONE;
  enter(NONE, false);
  return TFM_NS_CLIENT_ERR_SUCCESS;
}

// tfm_nsce_release_ctx: the thread is done with its group's context; the slot returns to the pool
// when the last thread of the group releases it. A call the context still has in flight (its task
// ended inside one) is withdrawn: the service's reply goes nowhere.
export function nsceRelease(token: u32): u32 {
  const k = slotOf(token);
  if (k == NONE) return TFM_NS_CLIENT_ERR_INVALID_TOKEN;
  const tid = token & 0xff;
  const lastThread = groupSize(k) == 1;
  const t = agentOf(k);
  // SFN: an unfinished call is frames on the one secure stack, under the calls after it.
  if (!CALLS_CAN_BLOCK && lastThread && messageState(t) != M_FREE) return TFM_NS_CLIENT_ERR_INVALID_ACCESS;
  if (loaded == k && nsceSave(token) != TFM_NS_CLIENT_ERR_SUCCESS) return TFM_NS_CLIENT_ERR_INVALID_ACCESS;
  store<u32>(tidWord(k, tid), load<u32>(tidWord(k, tid)) & ~(1 << (tid & 31)));
  if (!lastThread) return TFM_NS_CLIENT_ERR_SUCCESS;
  withdrawClient(t);
  if (threadState(t) == T_BLOCKED) setThreadState(t, T_READY);
  // The services it was connected to are told when this call ends (settle.ts), and may then
  // outrank NS code (IPC).
  store<u8>(slot(k), 0, IN_SECURE);
  store<u32>(slot(k), FREE, GROUP);
  setAgentLoadable(t, false);
  return TFM_NS_CLIENT_ERR_SUCCESS;
}

function groupSize(k: u32): u32 {
  let n: u32 = 0;
  for (let w: u32 = 0; w < 8; w++) n += popcnt(load<u32>(slot(k) + TIDS + (<usize>w << 2)));
  return n;
}

// The client ID the SPM reports for NS agent t: the loaded context's NSID when NSCE manages
// NSIDs, else the SPM's single NSID.
export function nsClientId(t: u32): i32 {
  return NS_MANAGE_NSID && t != NS_AGENT ? load<i32>(slot(t - 1), NSID) : NS_CLIENT_ID_DEFAULT;
}

// Once the NS side uses NSCE, a secure call needs a loaded context.
@inline
export function nsMayCall(t: u32): bool {
  return t != NS_AGENT || !inUse;
}
