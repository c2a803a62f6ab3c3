// Issue 18, done-when: a user's whole path with bulkhead as an installed package, in a temp dir
// away from this tree: `npm pack` → `npx <tarball> init` → `npm install` (the tarball, and
// dependencies from npm's cache) → `npm start` boots the project's image in QEMU → the project's
// own `npm test` → `npx bulkhead build` with flags over bulkhead.json → an NS image built by a
// plain Makefile from the project's ns/main.c against the ns-interface bundle boots beside the
// project's secure image.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadBoard } from "../host/board.ts";
import { ROOT } from "../host/image/wasm.ts";
import { runQemu } from "../host/qemu/run.ts";
import { tempDir } from "./support/temp-dir.ts";
import { sh } from "./support/project-shell.ts";

test("init → install from the npm pack tarball → npm start in QEMU → the project's npm test → build with flags → a Makefile NS image against its bundle", async () => {
  const dir = tempDir("project");
  const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
  sh(ROOT, "npm", ["pack", "--silent", "--pack-destination", dir]);
  const tarball = join(dir, `bulkhead-${version}.tgz`);
  assert.ok(existsSync(tarball), "npm pack wrote the tarball");
  const listing = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" });
  assert.doesNotMatch(listing, /^package\/(tests|build|node_modules)\//m, "the package ships no tests, build outputs or dependencies");

  // As a user types it: npx takes a path that starts with ./ as a package, an absolute one as a program.
  const init = sh(dir, "npx", ["--yes", `./bulkhead-${version}.tgz`, "init", "my-product", "--bulkhead", `file:${tarball}`]);
  assert.match(init, /bulkhead init: sfn project in/);
  const project = join(dir, "my-product");
  for (const f of ["package.json", "bulkhead.json", "manifest_list.yaml", "partitions/reverse/manifest.yaml", "partitions/reverse/partition.ts", "ns/main.c", "tests/reverse.test.ts", "README.md", ".gitignore"]) {
    assert.ok(existsSync(join(project, f)), `init wrote ${f}`);
  }

  sh(project, "npm", ["install"]);
  assert.ok(!existsSync(join(project, "node_modules", "bulkhead", ".git")) && existsSync(join(project, "node_modules", "bulkhead", "templates")), "bulkhead is installed from the tarball, not linked to this tree");

  const start = sh(project, "npm", ["start"]);
  assert.match(start, /^\[NS\] reply: dlrow eruces ,olleh$/m, "the project's C NS application called its partition");
  assert.match(start, /exit code 0/);
  assert.ok(existsSync(join(project, "build", "mps2-an521-sfn", "secure.elf")), "the build is in the project, not in node_modules");
  assert.ok(!existsSync(join(project, "node_modules", "bulkhead", "build")), "nothing is written inside the installed package");

  const tests = sh(project, "npm", ["test"]);
  assert.match(tests, /^# pass 3$/m, tests);
  assert.match(tests, /^# fail 0$/m);

  sh(project, "npx", ["bulkhead", "build", "--board", "mps2-an505", "--backend", "ipc"]);
  const bundle = join(project, "build", "mps2-an505-ipc", "ns-interface");
  assert.ok(existsSync(join(bundle, "lib", "veneers.o")), "the flags chose the board and backend over bulkhead.json's");

  const out = tempDir("project-make-ns");
  execFileSync("make", ["-s", "-C", join(ROOT, "tests", "make-ns"), `NS_INTERFACE=${bundle}`, `OUT=${out}`, `MAIN=${join(project, "ns", "main.c")}`], { encoding: "utf8" });
  const r = await runQemu(loadBoard("mps2-an505"), join(project, "build", "mps2-an505-ipc", "secure.elf"), join(out, "ns.elf"), { timeoutSeconds: 60 });
  assert.match(r.uart, /^\[NS\] reply: dlrow eruces ,olleh$/m, r.uart);
  assert.equal(r.exitCode, 0);
});
