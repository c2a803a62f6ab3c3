// Issue 17, S1: an NS buffer must lie wholly inside the NS memory the build gave the NS side (the
// SAU's NS regions) *and* pass the TT check; anything else is PSA_ERROR_PROGRAMMER_ERROR for the
// NS caller (FF-M 1.1 §4.3.2 / TF-M: a NS client's programmer error is returned as that status, not a
// panic). The TT check alone passes the System Control Space, which the SAU and IDAU exempt:
// these cases make an NS caller hand the SPM vectors there, in QEMU, on every board and backend.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { buildImage, DEFAULT_MANIFEST_LIST } from "../host/image/build.ts";
import { Progress } from "../host/image/progress.ts";
import { ROOT } from "../host/image/wasm.ts";
import { runQemu } from "../host/qemu/run.ts";
import { PROGRAMMER_ERROR, SUCCESS } from "./support/ns-world.ts";

const DIR = join(ROOT, "tests", "ns-pointers");
// The only cases inside NS memory the NS side may use that way; every other one is refused.
const ALLOWED = new Set(["invec NS code", "invec last NS RAM bytes"]);
const CASES = 25;

const CONFIGS = [
  { board: "mps2-an505", backend: "sfn", isolation: 1 },
  { board: "mps2-an521", backend: "ipc", isolation: 2 },
  { board: "mps3-an524", backend: "ipc", isolation: 3 },
  { board: "mps3-an524", backend: "sfn", isolation: 1 },
] as const;

for (const c of CONFIGS) {
  test(`${c.board} ${c.backend.toUpperCase()}/L${c.isolation}: NS vectors outside NS memory (the secure SCS, NSC, secure aliases, each edge) are PROGRAMMER_ERROR in QEMU`, async () => {
    const image = await buildImage({
      ...c, manifestList: DEFAULT_MANIFEST_LIST, nsApp: join(DIR, "ns_app.ts"), nsSources: [join(DIR, "pointers.c")], variant: "ns-pointers",
    }, new Progress(() => {}));
    const { uart } = await runQemu(image.board, image.secureElf, image.nsElf, { timeoutSeconds: 60 });
    const outcomes = [...uart.matchAll(/^\[PTR\] ([^:\n]+): (-?\d+)$/gm)].map((m) => [m[1], Number(m[2])] as const);
    assert.equal(outcomes.length, CASES, uart);
    const wrong = outcomes.filter(([name, status]) => status !== (ALLOWED.has(name) ? SUCCESS : PROGRAMMER_ERROR));
    assert.deepEqual(wrong, [], uart);
    assert.match(uart, /\[PTR\] the SPM still serves\n\[PTR\] done/);
    assert.doesNotMatch(uart, /FATAL/);
  });
}
