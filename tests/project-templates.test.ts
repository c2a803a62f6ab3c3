// Issue 18: the projects bulkhead init writes, beside the installed path of project.test.ts: the
// ipc and trusted-services templates pass their own tests, and an AssemblyScript NS application
// (bulkhead.json's ns.app) runs on the host runner and in QEMU. bulkhead is linked, not installed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../host/image/wasm.ts";
import { tempDir } from "./support/temp-dir.ts";
import { bulkhead, sh } from "./support/project-shell.ts";
import { loadBoard } from "../host/board.ts";
import { runQemu } from "../host/qemu/run.ts";

for (const template of ["ipc", "trusted-services"]) {
  test(`the ${template} template's project passes its own tests, and its NS code builds against its bundle`, async () => {
    const project = join(tempDir(`project-${template}`), "p");
    bulkhead(ROOT, ["init", project, "--template", template]);
    mkdirSync(join(project, "node_modules"));
    symlinkSync(ROOT, join(project, "node_modules", "bulkhead"), "dir");
    const tests = bulkhead(project, ["test"]);
    assert.match(tests, /^# fail 0$/m, tests);
    assert.match(tests, new RegExp(`^# pass ${template === "ipc" ? 2 : 4}$`, "m"), tests);
    // Its ns/main.c, built by a plain Makefile against the bundle its build wrote, runs the same.
    const config = template === "ipc" ? "mps2-an521-ipc" : "mps2-an521-sfn";
    const out = tempDir(`project-${template}-make`);
    sh(ROOT, "make", ["-s", "-C", join(ROOT, "tests", "make-ns"), `NS_INTERFACE=${join(project, "build", config, "ns-interface")}`, `OUT=${out}`, `MAIN=${join(project, "ns", "main.c")}`]);
    const r = await runQemu(loadBoard("mps2-an521"), join(project, "build", config, "secure.elf"), join(out, "ns.elf"), { timeoutSeconds: 60 });
    assert.equal(r.exitCode, 0, r.uart);
    assert.match(r.uart, template === "ipc" ? /\(matches\)/ : /\[NS\] SHA-256: [0-9a-f]{64}/);
  });
}

// bulkhead.json's ns.app: an AssemblyScript NS application of the project's own, by package paths,
// runs the same on the host runner (run --host) and in QEMU.
test("a project whose NS application is AssemblyScript (ns.app) runs it on the host runner and in QEMU", () => {
  const project = join(tempDir("project-ns-app"), "p");
  bulkhead(ROOT, ["init", project]);
  writeFileSync(join(project, "ns", "app.ts"), `import { REVERSE_SERVICE_HANDLE } from "psa_manifest/sid";
import { PSA_IPC_CALL, psa_call, psa_invec, psa_outvec } from "bulkhead/psa/client";
import { print } from "bulkhead/ns/console";

const inBuf = memory.data(8);
const outBuf = memory.data(8);
const inVec = memory.data(offsetof<psa_invec>());
const outVec = memory.data(offsetof<psa_outvec>());

export function main(): i32 {
  store<u32>(inBuf, 0x64636261); // "abcd"
  const iv = changetype<psa_invec>(inVec);
  iv.base = inBuf;
  iv.len = 4;
  const ov = changetype<psa_outvec>(outVec);
  ov.base = outBuf;
  ov.len = 8;
  const status = psa_call(REVERSE_SERVICE_HANDLE, PSA_IPC_CALL, inVec, 1, outVec, 1);
  let reply = "";
  for (let i: usize = 0; i < ov.len; i++) reply += String.fromCharCode(load<u8>(outBuf + i));
  print("[NS app.ts] " + status.toString() + " " + reply + "\\n");
  return reply == "dcba" ? 0 : 1;
}
`);
  writeFileSync(join(project, "bulkhead.json"), JSON.stringify({ ns: { app: "ns/app.ts" }, board: "mps2-an505", backend: "ipc" }));
  for (const where of [["--host"], []]) {
    const out = bulkhead(project, ["run", ...where]);
    assert.match(out, /^\[NS app\.ts\] 0 dcba$/m, `${where.join(" ") || "QEMU"}:\n${out}`);
    assert.match(out, /exit code 0/);
  }
});
