// The conformance suite's NS client: one "[TEST] <case>: PASS|FAIL" line per case, then a
// summary; the exit code is the number of failures. The same cases run on both backends; the
// IPC-model ones only where the IPC partition is in the image.
import {
  CONF_HELPER_CONNECTED_SID, CONF_HELPER_SERVICE_SID, CONF_IPC_CONNECTED_SID, CONF_SFN_CONNECTED_SID, CONF_SFN_STATELESS_HANDLE,
  CONF_IRQ_SERVICE_HANDLE, CONF_MM_SERVICE_HANDLE, CONF_SFN_STATELESS_SID, CONF_VICTIM_SERVICE_HANDLE,
} from "psa_manifest/sid";
import {
  PSA_ERROR_CONNECTION_REFUSED, PSA_ERROR_PROGRAMMER_ERROR, PSA_FRAMEWORK_VERSION, PSA_NULL_HANDLE, PSA_SUCCESS,
  PSA_VERSION_NONE, psa_call, psa_close, psa_connect, psa_framework_version, psa_version,
} from "bulkhead/psa/client";
import { print } from "bulkhead/ns/console";

const PE = PSA_ERROR_PROGRAMMER_ERROR;
const REFUSED = PSA_ERROR_CONNECTION_REFUSED;
const DOORBELL = 8;

const bufA = memory.data(64);
const bufB = memory.data(64);
const out = memory.data(64);
const big = memory.data(2000);
const ins = memory.data(32);
const outs = memory.data(32);

let cases = 0;
let failures = 0;

function expect(name: string, got: i32, want: i32): void {
  cases++;
  if (got == want) {
    print("[TEST] " + name + ": PASS\n");
  } else {
    failures++;
    print("[TEST] " + name + ": FAIL (got " + got.toString() + ", want " + want.toString() + ")\n");
  }
}

function text(at: usize, s: string): void {
  for (let i = 0; i < s.length; i++) store<u8>(at + i, <u8>s.charCodeAt(i));
}

function setIn(i: u32, base: usize, len: u32): void {
  store<u32>(ins + i * 8, <u32>base);
  store<u32>(ins + i * 8 + 4, len);
}

function setOut(i: u32, base: usize, len: u32): void {
  store<u32>(outs + i * 8, <u32>base);
  store<u32>(outs + i * 8 + 4, len);
}

@inline function outLen(i: u32): u32 { return load<u32>(outs + i * 8 + 4); }

function call(handle: i32, type: i32, inLen: u32 = 0, outLen: u32 = 0): i32 {
  return psa_call(handle, type, ins, inLen, outs, outLen);
}

function clientApi(): void {
  expect("psa_framework_version is 0x0101", <i32>psa_framework_version(), <i32>PSA_FRAMEWORK_VERSION);
  expect("psa_version of an NS service", <i32>psa_version(CONF_SFN_STATELESS_SID), 1);
  expect("psa_version of an unknown SID is PSA_VERSION_NONE", <i32>psa_version(0xbad), <i32>PSA_VERSION_NONE);
  expect("psa_version of a secure-only service is PSA_VERSION_NONE for NS", <i32>psa_version(CONF_HELPER_SERVICE_SID), <i32>PSA_VERSION_NONE);

  text(bufA, "abc");
  text(bufB, "de");
  setIn(0, bufA, 3);
  setIn(1, bufB, 2);
  setOut(0, out, 8);
  expect("stateless call reads two invecs", call(CONF_SFN_STATELESS_HANDLE, 1, 2, 1), 5);
  expect("outvec len is written back", <i32>outLen(0), 8);
  expect("output bytes arrive", <i32>(load<u8>(out) + load<u8>(out + 1) + load<u8>(out + 2) + load<u8>(out + 3)), 3 + 0x61 + 2 + 0x64);

  setIn(0, 0, 0);
  setOut(0, 0, 0);
  expect("zero-length invec and outvec", call(CONF_SFN_STATELESS_HANDLE, 1, 1, 1), 0);
  setIn(0, bufA, 3);
  setIn(1, bufA, 3);
  setOut(0, out, 8);
  expect("overlapping invecs are both read", call(CONF_SFN_STATELESS_HANDLE, 1, 2, 1), 6);
  text(bufA, "abcdefgh");
  setIn(0, bufA, 8);
  expect("psa_skip then psa_read continue from the cursor", call(CONF_SFN_STATELESS_HANDLE, 8, 1, 0), 305);
  expect("a user message type reaches the service; NS client_id is -1", call(CONF_SFN_STATELESS_HANDLE, 3), -1);

  expect("more than PSA_MAX_IOVEC vectors is a PROGRAMMER ERROR", call(CONF_SFN_STATELESS_HANDLE, 1, 3, 2), PE);
  expect("a negative type is a PROGRAMMER ERROR", call(CONF_SFN_STATELESS_HANDLE, -5), PE);
  expect("a stateless handle with a version STRICT rejects", call(CONF_SFN_STATELESS_HANDLE + 0x100, 3), PE);
  expect("a stateless handle index the build never issued", call(0x40000119, 3), PE);
  expect("PSA_NULL_HANDLE in psa_call", call(PSA_NULL_HANDLE, 3), PE);
  expect("psa_connect to a stateless service", psa_connect(CONF_SFN_STATELESS_SID, 1), PE);
  // FF-M 1.1 / TF-M: these programmer errors give an NS caller PSA_ERROR_CONNECTION_REFUSED.
  expect("psa_connect to a secure-only service from NS is CONNECTION_REFUSED", psa_connect(CONF_HELPER_CONNECTED_SID, 1), REFUSED);
  expect("psa_connect to an unknown SID is CONNECTION_REFUSED", psa_connect(0xbad, 1), REFUSED);
  expect("psa_connect above a RELAXED service's version is CONNECTION_REFUSED", psa_connect(CONF_SFN_CONNECTED_SID, 4), REFUSED);

  const h = psa_connect(CONF_SFN_CONNECTED_SID, 2);
  expect("psa_connect at or below a RELAXED service's version", h > 0 ? 1 : h, 1);
  expect("a call on a connection", call(h, 3), -1);
  const h2 = psa_connect(CONF_SFN_CONNECTED_SID, 3);
  expect("a second connection", h2 > 0 ? 1 : h2, 1);
  expect("the service refuses a third connection", psa_connect(CONF_SFN_CONNECTED_SID, 3), REFUSED);
  expect("a PROGRAMMER_ERROR reply reaches the NS client", call(h2, 2), PE);
  expect("the service gets PSA_IPC_DISCONNECT for the dropped connection right after that reply", call(h, 10), 1);
  expect("the connection is dropped after a PROGRAMMER_ERROR reply", call(h2, 3), PE);
  psa_close(h2);
  expect("psa_close of a dropped connection only frees the handle", call(h, 10), 1);
  expect("dropped connections leak nothing at the service", dropSeveral(CONF_SFN_CONNECTED_SID), 6);
  psa_close(h);
  expect("a closed handle is a PROGRAMMER ERROR", call(h, 3), PE);
  psa_close(PSA_NULL_HANDLE);
  const h3 = psa_connect(CONF_SFN_CONNECTED_SID, 1);
  expect("psa_close released the connections at the service", h3 > 0 ? 1 : h3, 1);
  psa_close(h3);
  expect("the service keeps serving after a PROGRAMMER_ERROR reply", call(CONF_SFN_STATELESS_HANDLE, 3), -1);
}

// Connects, is answered PROGRAMMER_ERROR and closes, six times over a service that holds at most
// two connections (the SFN one refuses a third): how many of the six connected.
function dropSeveral(sid: u32): i32 {
  let connected = 0;
  for (let i = 0; i < 6; i++) {
    const d = psa_connect(sid, 1);
    if (d <= 0) continue;
    connected++;
    call(d, 2);
    psa_close(d);
  }
  return connected;
}

function serviceApi(): void {
  expect("boot order: entry_init called its dependency, which had initialised", call(CONF_SFN_STATELESS_HANDLE, 4), 10);
  expect("secure-to-secure call to a dependency", call(CONF_SFN_STATELESS_HANDLE, 7), 10);
  expect("psa_notify", call(CONF_SFN_STATELESS_HANDLE, 5), PSA_SUCCESS);
  expect("psa_wait(PSA_POLL) sees the doorbell, psa_clear clears it", call(CONF_SFN_STATELESS_HANDLE, 6), DOORBELL);
  expect("psa_wait(PSA_POLL) without the doorbell returns 0", call(CONF_SFN_STATELESS_HANDLE, 6), 0);
  expect("an SFN that overwrites its psa_msg_t still answers, under either backend", call(CONF_SFN_STATELESS_HANDLE, 18), 18);
  expect("psa_wait ignores timeout bits 30:0: set without PSA_BLOCK it polls", call(CONF_SFN_STATELESS_HANDLE, 16), 0);
  expect("psa_wait ignores timeout bits 30:0: set with PSA_BLOCK it waits", call(CONF_SFN_STATELESS_HANDLE, 17), DOORBELL);
}

function sumOf(at: usize, n: u32): i32 {
  let sum = 0;
  for (let i: u32 = 0; i < n; i++) sum += load<u8>(at + i);
  return sum;
}

function mmIovec(): void {
  text(bufA, "abcdef");
  setIn(0, bufA, 6);
  setOut(0, out, 16);
  expect("MM-IOVEC: a mapped invec reads the client's bytes", call(CONF_MM_SERVICE_HANDLE, 1, 1, 1), sumOf(bufA, 6));
  expect("MM-IOVEC: psa_unmap_outvec's len is the bytes written", <i32>outLen(0), 6);
  expect("MM-IOVEC: a mapped outvec's bytes reach the client", load<u8>(out) == 0x66 && load<u8>(out + 5) == 0x61 ? 1 : 0, 1);
  text(bufB, "gh");
  setIn(1, bufB, 2);
  setOut(0, out, 16);
  expect("MM-IOVEC: three vectors mapped at once", call(CONF_MM_SERVICE_HANDLE, 2, 2, 1), 8);
  expect("MM-IOVEC: ... each in its own place", sumOf(out, 8) == sumOf(bufA, 6) + sumOf(bufB, 2) && load<u8>(out + 6) == 0x67 ? 1 : 0, 1);
  setIn(0, big, 2000);
  expect("MM-IOVEC: a vector larger than the window is not mapped; psa_read still works", call(CONF_MM_SERVICE_HANDLE, 3, 1, 0), 64);
  setOut(0, out, 8);
  expect("MM-IOVEC: an outvec left mapped at the reply reports 0 bytes", call(CONF_MM_SERVICE_HANDLE, 4, 0, 1), PSA_SUCCESS);
  expect("MM-IOVEC: ... outvec len", <i32>outLen(0), 0);
}

function interrupts(): void {
  expect("SLIH: psa_wait blocks until the timer interrupt; psa_eoi; psa_irq_disable says it was enabled", call(CONF_IRQ_SERVICE_HANDLE, 1), 11);
  expect("FLIH: the handler runs on every interrupt and signals every third", call(CONF_IRQ_SERVICE_HANDLE, 2), 3);
  expect("psa_irq_disable of a disabled interrupt returns 0", call(CONF_IRQ_SERVICE_HANDLE, 5), 0);
  call(CONF_IRQ_SERVICE_HANDLE, 3);
  let seen = 0;
  for (let i = 0; i < 100000 && seen == 0; i++) seen = call(CONF_IRQ_SERVICE_HANDLE, 4);
  expect("an interrupt taken while NS code runs is asserted for the partition's next psa_wait", seen, 1);
}

function ipcModel(): void {
  const h = psa_connect(CONF_IPC_CONNECTED_SID, 1);
  const h2 = psa_connect(CONF_IPC_CONNECTED_SID, 2);
  expect("IPC: psa_connect, psa_get, psa_reply", h > 0 && h2 > 0 ? 1 : 0, 1);
  const r1 = call(h, 1);
  const r2 = call(h2, 1);
  expect("IPC: psa_set_rhandle at CONNECT, rhandle in every message", r1 >= 100 && r2 == r1 + 1 ? 1 : 0, 1);
  expect("IPC: the rhandle stays with its connection", call(h, 1), r1);
  expect("IPC: a HIGH-priority thread calls a secure service and blocks for the answer", call(h, 3), 20);
  text(bufA, "ipc!");
  setIn(0, bufA, 4);
  setOut(0, out, 16);
  expect("IPC: psa_read and psa_write in a thread", call(h, 5, 1, 1), 4);
  expect("IPC: outvec len written back", <i32>outLen(0), 4);
  expect("IPC: psa_wait(PSA_POLL) with nothing asserted", call(h, 4), 0);
  call(h, 8);
  let served = 0;
  for (let i = 0; i < 100000 && served == 0; i++) served = call(h, 9);
  expect("IPC: an interrupt preempts NS code and wakes the partition's thread (PendSV switch from NS and back)", served, 1);
  expect("IPC: a PROGRAMMER_ERROR reply", call(h2, 2), PE);
  expect("IPC: the service gets PSA_IPC_DISCONNECT for the dropped connection right after that reply", call(h, 10), 1);
  expect("IPC: the connection is dropped", call(h2, 3), PE);
  psa_close(h2);
  expect("IPC: psa_close of a dropped connection only frees the handle", call(h, 10), 1);
  expect("IPC: dropped connections leak nothing at the service", dropSeveral(CONF_IPC_CONNECTED_SID), 6);
  expect("IPC: ... it holds only the connection still open", call(h, 10), 1);
  psa_close(h);
}

function faultContainment(ipc: bool): void {
  expect("a partition that traps: its client gets CONNECTION_REFUSED", call(CONF_VICTIM_SERVICE_HANDLE, 1), REFUSED);
  expect("later calls to the dead partition are refused", call(CONF_VICTIM_SERVICE_HANDLE, 0), REFUSED);
  expect("the other partitions keep serving", call(CONF_SFN_STATELESS_HANDLE, 3), -1);
  if (ipc) {
    const h = psa_connect(CONF_IPC_CONNECTED_SID, 1);
    expect("IPC: psa_panic ends the partition; its waiting client is refused", call(h, 6), REFUSED);
    expect("IPC: connecting to a dead partition is refused", psa_connect(CONF_IPC_CONNECTED_SID, 1), REFUSED);
    psa_close(h);
  }
  expect("a secure client calling outside its dependencies is panicked", call(CONF_SFN_STATELESS_HANDLE, 9), REFUSED);
  expect("the panicked client's services are refused from then on", call(CONF_SFN_STATELESS_HANDLE, 3), REFUSED);
  setIn(0, bufA, 4);
  expect("MM-IOVEC: mapping a vector twice panics the service's partition", call(CONF_MM_SERVICE_HANDLE, 11, 1, 0), REFUSED);
  expect("a FLIH that traps in interrupt context panics only its partition", call(CONF_IRQ_SERVICE_HANDLE, 27), REFUSED);
  expect("the SPM still answers psa_version after partitions died", <i32>psa_version(CONF_SFN_STATELESS_SID), 1);
}

export function main(): i32 {
  const ipc = psa_version(CONF_IPC_CONNECTED_SID) != PSA_VERSION_NONE;
  clientApi();
  serviceApi();
  mmIovec();
  interrupts();
  if (ipc) ipcModel();
  faultContainment(ipc);
  print("[TEST] " + cases.toString() + " cases, " + failures.toString() + " failed\n");
  return failures;
}
