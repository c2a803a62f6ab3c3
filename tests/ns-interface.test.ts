// Issue 18, item 7: every build writes build/<config>/ns-interface/, and an NS image built by a
// plain Makefile with the toolchain alone (tests/make-ns, no bulkhead tooling) links against it,
// boots with bulkhead's secure image in QEMU and calls a service; on two boards whose NS memory
// differs, under both backends.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildImage, DEFAULT_MANIFEST_LIST } from "../host/image/build.ts";
import { Progress } from "../host/image/progress.ts";
import { ROOT } from "../host/image/wasm.ts";
import { runQemu } from "../host/qemu/run.ts";
import { tempDir } from "./support/temp-dir.ts";

for (const [board, backend] of [["mps2-an521", "ipc"], ["mps3-an524", "sfn"]] as const) {
  test(`${board} ${backend.toUpperCase()}: an NS image built by its own Makefile against the ns-interface bundle boots and calls a service`, async () => {
    // A variant of its own: a parallel build of the same configuration rewrites that bundle.
    const image = await buildImage({ board, backend, manifestList: DEFAULT_MANIFEST_LIST, variant: "make-ns" }, new Progress(() => {}));
    const bundle = image.nsInterface;
    for (const f of ["lib/veneers.o", "include/psa/client.h", "include/psa_manifest/sid.h", "include/tfm_ns_client_ext.h", "src/psa_client.c", "include/bulkhead/ns_line.h", "include/bulkhead_abi/facts.h", "src/line.c", "ns_memory.ld", "config.mk", "README.md"]) {
      assert.ok(existsSync(join(bundle, f)), `${f} is in the bundle`);
    }
    assert.match(readFileSync(join(bundle, "ns_memory.ld"), "utf8"), new RegExp(`NS_CODE \\(rx\\) : ORIGIN = 0x${image.board.nonSecure.code.base.toString(16).padStart(8, "0")}`));
    const out = tempDir("make-ns");
    execFileSync("make", ["-s", "-C", join(ROOT, "tests", "make-ns"), `NS_INTERFACE=${bundle}`, `OUT=${out}`], { encoding: "utf8" });
    const r = await runQemu(image.board, image.secureElf, join(out, "ns.elf"), { timeoutSeconds: 60 });
    assert.match(r.uart, /^\[MAKE\] an NS image built by its own Makefile called TFM_ECHO_SERVICE: FROM MAKE$/m);
    assert.equal(r.exitCode, 0, r.uart);
  });
}
