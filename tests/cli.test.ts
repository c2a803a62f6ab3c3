import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tempDir } from "./support/temp-dir.ts";
import { join } from "node:path";
import { boardNames, loadBoard } from "../host/board.ts";
import { readBoard } from "../host/board-schema.ts";
import { YamlFile } from "../host/manifest/yaml-file.ts";
import { QemuTimeout, runQemu } from "../host/qemu/run.ts";
import { defaultImageUart } from "./expected.ts";

const bulkhead = (...args: string[]) => spawnSync("node", ["bin/bulkhead.js", ...args], { encoding: "utf8" });

test("bulkhead run streams the default image's UART from QEMU and exits with its code (IPC backend by default)", () => {
  const r = bulkhead("run", "--board", "mps2-an505");
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, defaultImageUart("ipc"));
  for (const step of ["asc", "wasm2c", "gcc", "link"]) assert.match(r.stderr, new RegExp(`^  ${step} `, "m"));
});

test("bulkhead run --host gives the same output on the host runner", () => {
  const r = bulkhead("run", "--host", "-DCONFIG_TFM_SPM_BACKEND=SFN");
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, defaultImageUart("sfn"));
});

test("an unknown board is an error that lists the known boards", () => {
  const r = bulkhead("build", "--board", "mps9-an999");
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown board 'mps9-an999'; known boards: mps2-an505, mps2-an521, mps3-an524/);
});

test("an unknown option is an error with the command's usage", () => {
  const r = bulkhead("build", "--colour");
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown option '--colour'/);
  assert.match(r.stderr, /Usage: bulkhead build/);
});

test("an unknown TF-M switch is named with the supported ones", () => {
  const r = bulkhead("build", "-DTFM_FOO=1");
  assert.equal(r.status, 2);
  assert.match(r.stderr, /-DTFM_FOO: unknown switch; supported: CONFIG_TFM_SPM_BACKEND/);
});

test("bulkhead run --demo nsce boots the NSCE scheduler demo", () => {
  const r = bulkhead("run", "--demo", "nsce", "--board", "mps2-an521", "--ns-manage-nsid");
  assert.equal(r.status, 0, r.stderr + r.stdout);
  assert.match(r.stdout, /^\[NS\] NSCE demo passed$/m);
});

test("--demo names the demos there are, and replaces --manifests rather than mixing with it", () => {
  const unknown = bulkhead("build", "--demo", "blinky");
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /argument 'blinky' is invalid\. Allowed choices are nsce/);
  const both = bulkhead("build", "--demo", "nsce", "--manifests", "x.yaml");
  assert.equal(both.status, 2);
  assert.match(both.stderr, /option '--demo <name>' cannot be used with option '--manifests <file>'/);
});

test("a manifest error stops the build with file, line and key", () => {
  const dir = tempDir("cli");
  writeFileSync(join(dir, "list.yaml"), "manifest_list:\n  - manifest: m.yaml\n    pid: 256\n");
  writeFileSync(join(dir, "m.yaml"), "psa_framework_version: 1.1\nname: TFM_SP_X\ntype: PSA-ROT\nmodel: SFN\nservices: []\n");
  const r = bulkhead("build", "--manifests", join(dir, "list.yaml"));
  assert.equal(r.status, 2);
  assert.match(r.stderr, /m\.yaml:5: services: must NOT have fewer than 1 items/);
});

test("an image that never exits is stopped with a clear message", async () => {
  const dir = tempDir("hang");
  // A vector table whose reset handler spins, as the secure image, and the same at the NS base.
  writeFileSync(join(dir, "hang.S"), ".syntax unified\n.thumb\n.text\n.word 0x10010000\n.word reset + 1\n.thumb_func\nreset: b reset\n");
  const link = (base: string, elf: string) => {
    const cc = spawnSync("arm-none-eabi-gcc", ["-mcpu=cortex-m33", "-nostdlib", "-e", "0", `-Wl,-Ttext=${base}`, join(dir, "hang.S"), "-o", elf], { encoding: "utf8" });
    assert.equal(cc.status, 0, cc.stderr);
    return elf;
  };
  const secure = link("0x10000000", join(dir, "hang.elf"));
  const ns = link("0x28000000", join(dir, "ns.elf"));
  await assert.rejects(runQemu(loadBoard("mps2-an505"), secure, ns, { timeoutSeconds: 2 }), (e: Error) => {
    assert.ok(e instanceof QemuTimeout);
    assert.match(e.message, /did not exit within 2 s: the image hung/);
    return true;
  });
});

test("a backend switch outside SFN/IPC is an error that lists the allowed values", () => {
  const r = bulkhead("build", "-DCONFIG_TFM_SPM_BACKEND=FAST");
  assert.equal(r.status, 2);
  assert.match(r.stderr, /-DCONFIG_TFM_SPM_BACKEND=FAST: allowed values: SFN, IPC/);
});

test("isolation level 2 under the SFN backend is refused: FF-M allows SFN at level 1 only", () => {
  const r = bulkhead("build", "--backend", "sfn", "-DTFM_ISOLATION_LEVEL=2");
  assert.equal(r.status, 2);
  assert.match(r.stderr, /isolation level 2 needs the IPC backend: the SFN backend runs every partition in one context \(allowed with SFN: 1\)/);
});

// Issue 17, item 12b: board names only, board files checked key by key, numeric options checked.
test("--board takes a board name, never a path", () => {
  const r = bulkhead("build", "--board", "../boards/mps2-an505");
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^error: unknown board '\.\.\/boards\/mps2-an505'; known boards: mps2-an505, mps2-an521, mps3-an524$/m);
  assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
});

test("an incomplete or malformed board.json is an error naming the file, the line and the key", () => {
  const file = join(tempDir("board"), "board.json");
  writeFileSync(file, `{\n  "name": "x",\n  "cpu": "cortex-m4",\n  "uart": 12,\n  "mpuRegions": 16\n}\n`);
  assert.throws(() => readBoard(YamlFile.read(file)), (e: Error) => {
    assert.match(e.message, /board\.json:1: missing required key 'cpuClockHz'/);
    assert.match(e.message, /board\.json:3: cpu: must be one of "cortex-m33", "cortex-m35p", "cortex-m55", "cortex-m85"/);
    assert.match(e.message, /board\.json:4: uart: must be a string/);
    return true;
  });
  for (const name of boardNames()) assert.equal(loadBoard(name).name, name, "every board in the tree passes");
});

test("run --timeout takes positive seconds", () => {
  for (const bad of ["abc", "-5", "0", "1e3"]) {
    const r = bulkhead("run", "--host", `--timeout=${bad}`);
    assert.equal(r.status, 2, bad);
    assert.match(r.stderr, new RegExp(`^error: --timeout ${bad}: expected seconds, a number above 0 and at most 86400$`, "m"));
  }
});
