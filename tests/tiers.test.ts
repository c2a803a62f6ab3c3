// The test tiers (tests/tiers.json, tests/support/tier.ts) cover the whole suite: every test file
// is in a tier, and a file in both the host and the QEMU tier marks each of its tests with one,
// so that `test:unit`, `test:host` and `test:qemu` together run what `npm test` runs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../host/image/wasm.ts";

const TESTS = join(ROOT, "tests");
const tiers = JSON.parse(readFileSync(join(TESTS, "tiers.json"), "utf8")) as Record<string, string[]>;

test("every test file is in a tier, and each tier's files exist", () => {
  const files = readdirSync(TESTS).filter((f) => f.endsWith(".test.ts")).map((f) => f.slice(0, -".test.ts".length)).sort();
  const tiered = new Set(Object.values(tiers).flat());
  assert.deepEqual(files.filter((f) => !tiered.has(f)), [], "files in no tier");
  assert.deepEqual([...tiered].filter((f) => !files.includes(f)), [], "tiers name files that do not exist");
  assert.deepEqual(Object.keys(tiers), ["unit", "host", "qemu"]);
  const package_ = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
  for (const tier of Object.keys(tiers)) assert.match(package_.scripts[`test:${tier}`], new RegExp(`run-tier\\.ts ${tier}$`));
});

test("a file of both the host and the QEMU tier says of each test which tier it is in", () => {
  for (const f of tiers.host.filter((f) => tiers.qemu.includes(f))) {
    const text = readFileSync(join(TESTS, `${f}.test.ts`), "utf8");
    const calls = [...text.matchAll(/^\s*test\((.*)$/gm)].map((m) => m[1]);
    assert.ok(calls.length > 0, f);
    const unmarked = calls.filter((c) => !/, (onHost|inQemu), /.test(c));
    assert.deepEqual(unmarked, [], `${f}.test.ts: tests without onHost or inQemu`);
  }
});
