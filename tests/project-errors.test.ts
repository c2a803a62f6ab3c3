// Issue 18, "Bad input": every mistake in a user's project is named by file and key (or line), and
// nothing of the user's is overwritten without --force. The CLI runs as a user runs it, in the
// project's folder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../host/image/wasm.ts";
import { tempDir } from "./support/temp-dir.ts";
import { bulkhead, runBulkhead } from "./support/project-shell.ts";

function newProject(): string {
  const dir = join(tempDir("project-errors"), "p");
  bulkhead(ROOT, ["init", dir]);
  return dir;
}

const edit = (file: string, f: (text: string) => string) => writeFileSync(file, f(readFileSync(file, "utf8")));

test("init refuses a folder with files unless --force, and then writes only the template's files", () => {
  const dir = tempDir("project-init");
  writeFileSync(join(dir, "notes.txt"), "mine");
  writeFileSync(join(dir, "README.md"), "my own readme");
  const refused = runBulkhead(dir, ["init"]);
  assert.equal(refused.code, 2);
  assert.match(refused.err, /error: \. is not empty \(README\.md, notes\.txt\); bulkhead init writes into an empty folder, or over the template's files with --force/);
  assert.equal(readFileSync(join(dir, "README.md"), "utf8"), "my own readme", "nothing was written");
  assert.ok(!existsSync(join(dir, "bulkhead.json")));

  assert.equal(runBulkhead(dir, ["init", "--force", "--template", "ipc"]).code, 0);
  assert.equal(readFileSync(join(dir, "notes.txt"), "utf8"), "mine", "a file that is not the template's is left alone");
  assert.match(readFileSync(join(dir, "README.md"), "utf8"), /bulkhead init --template ipc/);
  assert.ok(existsSync(join(dir, "partitions", "fnv", "partition.ts")));

  const bad = runBulkhead(dir, ["init", "other", "--template", "rtos"]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /argument 'rtos' is invalid\. Allowed choices are sfn, ipc, trusted-services/);
});

test("bulkhead.json: an unknown key and a value out of range, by line and key, with what is allowed", () => {
  const dir = newProject();
  edit(join(dir, "bulkhead.json"), (t) => t.replace(`"board": "mps2-an521",`, `"board": "mps2-an999",\n  "boards": "mps2-an521",`));
  const r = runBulkhead(dir, ["build"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /bulkhead\.json:5: board: must be one of "mps2-an505", "mps2-an521", "mps3-an524"/);
  assert.match(r.err, /bulkhead\.json:\d+: boards: unknown key; allowed keys here: \$schema, manifests, partitions, ns, board, backend, isolation, nsce/);
});

test("bulkhead.json: a missing NS source and a partition bulkhead does not have, both at once", () => {
  const dir = newProject();
  edit(join(dir, "bulkhead.json"), (t) => t.replace(`"partitions": []`, `"partitions": ["TFM_SP_ITS", "TFM_SP_ATTESTATION"]`).replace(`"ns/main.c"`, `"ns/main.c", "ns/missing.c"`));
  const r = runBulkhead(dir, ["build"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /bulkhead\.json:3: partitions\[1\]: TFM_SP_ATTESTATION is not one of bulkhead's partitions; this package has: TFM_SP_ECHO, TFM_SP_COUNTER, TFM_SP_ITS, TFM_SP_CRYPTO/);
  assert.match(r.err, /bulkhead\.json:4: ns\.sources\[1\]: no such file: ns\/missing\.c \(paths are relative to \.\)/);
});

test("a pid the project shares with an included bulkhead partition is reported in the project's manifest list", () => {
  const dir = newProject();
  edit(join(dir, "bulkhead.json"), (t) => t.replace(`"partitions": []`, `"partitions": ["TFM_SP_ITS"]`));
  edit(join(dir, "manifest_list.yaml"), (t) => t.replace("pid: 300", "pid: 258"));
  const r = runBulkhead(dir, ["build"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /manifest_list\.yaml:7: manifest_list\[0\]\.pid: pid 258 is also used by TFM_SP_ITS \(.*assembly\/partitions\/manifest_list\.yaml\)/);
});

test("a partition.ts that does not export the SFN its manifest names: which export is expected", () => {
  const dir = newProject();
  edit(join(dir, "partitions", "reverse", "partition.ts"), (t) => t.replace("export function reverse_service_sfn", "export function reverse"));
  const r = runBulkhead(dir, ["build"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /partitions\/reverse\/manifest\.yaml:8: services\[0\]\.name: partitions\/reverse\/partition\.ts must export reverse_service_sfn\(msg: psa_msg_t\): psa_status_t/);
});

test("run --host refuses a C NS application, and says what to use instead", () => {
  const r = runBulkhead(newProject(), ["run", "--host"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /--host: this project's NS application is C \(bulkhead\.json: ns\.sources\) and the host runner runs Wasm only; boot it in QEMU \(bulkhead run\), or test its partitions with bulkhead\/testing/);
});

test("bulkhead test without tests says where it looked", () => {
  const dir = tempDir("project-no-tests");
  const r = runBulkhead(dir, ["test"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /no tests found: bulkhead test runs tests\/\*\*\/\*\.test\.\{ts,mts,js,mjs\} under /);
});

test("doctor names each missing tool's Debian package and the one command that installs them", () => {
  // The CLI itself starts by its absolute path; on an empty PATH it finds none of the tools.
  const bare = runBulkhead(tempDir("doctor"), ["doctor"], { PATH: tempDir("empty-path") });
  assert.equal(bare.code, 1);
  assert.match(bare.out, /^MISSING qemu-system-arm: qemu-system-arm: not found$/m);
  assert.match(bare.out, /^MISSING libnewlib-arm-none-eabi: /m);
  assert.match(bare.out, /sudo apt-get update && sudo apt-get install -y --no-install-recommends qemu-system-arm gcc-arm-none-eabi binutils-arm-none-eabi libnewlib-arm-none-eabi wabt make$/m);
  const here = runBulkhead(tempDir("doctor"), ["doctor"]);
  assert.equal(here.code, 0, here.out);
  assert.match(here.out, /^ok {6}wabt: wasm2c 1\.0\.\d+$/m);
});
