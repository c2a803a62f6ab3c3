import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cached, hashOf } from "./cache.js";
import { run } from "./exec.js";

/** The host runner's watchdog tick: one per this many loop iterations of the partition's code. */
export const METER_PERIOD = 0x10000;

// Counted at the head of every loop: every METER_PERIOD iterations, a call of watchdog.tick.
const METER = [
  "global.get $__watchdog_n", "i32.const 1", "i32.add", "global.set $__watchdog_n",
  "global.get $__watchdog_n", `i32.const ${METER_PERIOD - 1}`, "i32.and", "i32.eqz", "if", "call $__watchdog_tick", "end",
];

/**
 * The host runner's build of a partition with a watchdog budget: on the target the secure
 * SysTick interrupts a runaway loop; Node cannot interrupt Wasm, so here the partition's own loops
 * count and call the "watchdog" "tick" import (the SPM's spm_watchdog_tick, runner/secure-world.ts),
 * which unwinds the partition when it is past its budget. The target's image is not metered.
 * Text-level, through wabt (wasm2wat names every index, so an added import shifts nothing).
 */
export async function meterForHost(wasm: string, name: string): Promise<string> {
  const bytes = readFileSync(wasm);
  const { dir } = await cached("watchdog-meter", hashOf("watchdog-meter", METER.join(";"), bytes), async (out) => {
    const lines = (await run("wasm2wat", ["--generate-names", wasm])).split("\n");
    const firstDefinition = lines.findIndex((l) => /^ {2}\((func|table|memory|global|export|start|elem|data) /.test(l));
    if (firstDefinition < 0) throw new Error(`${wasm}: no definitions to meter`);
    const metered = [
      ...lines.slice(0, firstDefinition),
      '  (import "watchdog" "tick" (func $__watchdog_tick))',
      "  (global $__watchdog_n (mut i32) (i32.const 0))",
      ...lines.slice(firstDefinition).flatMap((l) => {
        const loop = /^(\s*)loop\b/.exec(l);
        return loop ? [l, ...METER.map((m) => `${loop[1]}  ${m}`)] : [l];
      }),
    ];
    const wat = join(out, `${name}.wat`);
    writeFileSync(wat, metered.join("\n"));
    await run("wat2wasm", [wat, "-o", join(out, `${name}.wasm`)]);
  });
  return join(dir, `${name}.wasm`);
}
