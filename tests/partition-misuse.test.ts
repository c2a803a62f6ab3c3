import { test, before } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { buildWasm, type WasmSet } from "../host/image/build.ts";
import { ROOT } from "../host/image/wasm.ts";
import { Progress } from "../host/image/progress.ts";
import { statelessHandle } from "../host/manifest/codegen.ts";
import { CONNECTION_REFUSED, NS, nsWorld, pack } from "./support/ns-world.ts";

// Every partition-side misuse of the service API (MM-IOVEC, interrupts, device registers) that the NS conformance suite cannot show one by
// one (each kills its partition for good): a fresh secure world per case, on the host runner.
// The offender is panicked with the rule it broke, its client is refused, and the rest serve on.
const mmCases: [number, string][] = [
  [10, "psa_map_invec: the vector has length zero"],
  [11, "psa_map_invec: the vector has already been mapped"],
  [12, "psa_read: the input vector has been mapped with psa_map_invec"],
  [13, "psa_map_invec: the vector has already been accessed with psa_read or psa_skip"],
  [14, "psa_unmap_invec: the vector is not mapped"],
  [15, "psa_unmap_invec: the vector is not mapped"],
  [16, "psa_unmap_outvec: len is larger than the output vector"],
  [17, "psa_write: the output vector has been mapped with psa_map_outvec"],
  [18, "psa_map_invec: invec_idx is not below PSA_MAX_IOVEC"],
  [19, "psa_panic: called by the partition"],
];
// Issue 17, item 4: NULL (Wasm offset 0) and the reserved area below a partition's static data
// are invalid pointers in every PSA API that takes one; FF-M's outcome is a panic of the caller.
const nullCases: [number, string][] = [
  [11, "psa_call: an input vector is memory the caller may not read"],
  [12, "psa_call: an input vector is memory the caller may not read"],
  [13, "psa_read: buffer is NULL or outside the partition's memory"],
  [14, "psa_write: buffer is NULL or outside the partition's memory"],
  [15, "psa_read: buffer is NULL or outside the partition's memory"],
];
const irqCases: [number, string][] = [
  [20, "psa_eoi: the signal is not asserted"],
  [21, "psa_eoi: irq_signal is a FLIH interrupt signal (use psa_reset_signal)"],
  [22, "psa_reset_signal: irq_signal is not a FLIH interrupt signal"],
  [23, "psa_irq_enable: irq_signal is not exactly one of the partition's interrupt signals"],
  [24, "psa_irq_enable: irq_signal is not exactly one of the partition's interrupt signals"],
  [25, "mmio_read32: the address is outside the partition's mmio_regions"],
  [26, "mmio_write32: the register address is not 4-byte aligned"],
  [27, "Wasm trap: unreachable executed"],
  [28, "psa_wait: not allowed in a FLIH function, which runs in interrupt context"],
];

for (const backend of ["sfn", "ipc"] as const) {
  let set: WasmSet;
  let mm: number;
  let plain: number;
  let irq: number;
  let sfn: number;
  let victim: number;
  before(async () => {
    set = await buildWasm({
      board: "mps2-an521", backend, variant: "conformance",
      manifestList: join(ROOT, "tests", "conformance", "manifest_list.yaml"),
      nsApp: join(ROOT, "tests", "conformance", "ns_suite.ts"),
    }, new Progress(() => {}));
    const services = set.partitions.flatMap((p) => p.partition.services);
    const handle = (name: string) => statelessHandle(services.find((s) => s.name === name)!);
    [mm, plain, irq, sfn, victim] = ["CONF_MM_SERVICE", "CONF_MM_PLAIN", "CONF_IRQ_SERVICE", "CONF_SFN_STATELESS", "CONF_VICTIM_SERVICE"].map(handle);
  });

  /** A call with input 0 (4 bytes), input 1 (empty) and output 0 (4 bytes). */
  function misbehave(handle: number, type: number) {
    const w = nsWorld(set);
    w.vec(NS, NS + 0x100, 4);
    w.vec(NS + 8, NS + 0x200, 0);
    w.vec(NS + 0x20, NS + 0x300, 4);
    const status = w.spm.psa_call(handle, pack(type, 2, 1), NS, NS + 0x20);
    return { status, uart: w.uart(), after: w.spm.psa_call(victim, pack(0, 0, 0), 0, 0) };
  }

  const suites = [
    { cases: mmCases, handle: () => mm, who: "CONF_SP_MM (pid 304)" }, { cases: irqCases, handle: () => irq, who: "CONF_SP_IRQ (pid 305)" },
    { cases: nullCases, handle: () => sfn, who: "CONF_SP_SFN (pid 300)" },
  ];
  for (const { cases, handle, who } of suites) {
    for (const [type, rule] of cases) {
      test(`${backend}: ${rule} (type ${type}) panics only the offending partition`, () => {
        const { status, uart, after } = misbehave(handle(), type);
        assert.equal(status, CONNECTION_REFUSED);
        assert.ok(uart.includes(`[SPM] partition ${who} panicked: ${rule}\n`), uart);
        assert.equal(after, 0, "another partition still answers");
      });
    }
  }

  test(`${backend}: mapping a vector of a service without mm_iovec panics its partition`, () => {
    const { status, uart } = misbehave(plain, 0);
    assert.equal(status, CONNECTION_REFUSED);
    assert.ok(uart.includes("[SPM] partition CONF_SP_MM (pid 304) panicked: psa_map_invec: the service's manifest does not enable mm_iovec\n"), uart);
  });
}
