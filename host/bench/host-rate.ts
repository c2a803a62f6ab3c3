import type { WasmSet } from "../image/build.js";
import { statelessHandle } from "../manifest/codegen.js";
import { NS, nsWorld } from "../runner/ns-world.js";
import { callPack } from "../abi.js";

const VECTOR = 64;

export interface HostRate {
  backend: string;
  scenario: string;
  ops_per_second: number;
}

/**
 * psa_calls per second on the host runner (the same .wasm files under Node), driven the way the
 * NS veneers drive the SPM. Wall-clock figures: they vary from machine to machine and run to run.
 */
export function hostRates(set: WasmSet, seconds: number): HostRate[] {
  const { spm, vec } = nsWorld(set);
  const services = set.partitions.flatMap((p) => p.partition.services);
  const handle = (name: string) => statelessHandle(services.find((s) => s.name === name)!);
  const empty = handle("BENCH_EMPTY_SERVICE");
  const copy = handle("BENCH_COPY_SERVICE");
  // One 64-byte input and one 64-byte output vector, as the QEMU scenario passes them.
  vec(NS, NS + 0x100, VECTOR);
  vec(NS + 8, NS + 0x200, VECTOR);
  const scenarios: [string, () => number][] = [
    ["framework_version", () => spm.psa_framework_version()],
    ["call_empty", () => spm.psa_call(empty, callPack(0, 0, 0), 0, 0)],
    ["call_64b", () => spm.psa_call(copy, callPack(0, 1, 1), NS, NS + 8)],
  ];
  return scenarios.map(([scenario, op]) => {
    for (let i = 0; i < 1000; i++) op(); // warm the JIT
    let n = 0;
    const start = performance.now();
    const end = start + seconds * 1000;
    while (performance.now() < end) {
      for (let i = 0; i < 1000; i++) op();
      n += 1000;
    }
    return { backend: set.backend, scenario, ops_per_second: Math.round(n / ((performance.now() - start) / 1000)) };
  });
}
