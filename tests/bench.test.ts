// `bulkhead bench` completes and writes what it promises; no figure is asserted (benchmarks
// print figures, tests check behaviour).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { tempDir } from "./support/temp-dir.ts";
import { join } from "node:path";
import { Ajv } from "ajv";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "bulkhead.js");

const config = { board: { type: "string" }, backend: { enum: ["sfn", "ipc"] }, isolation: { enum: [1, 2, 3] } };
const bytes = { type: "integer", minimum: 0 };
// The results schema.
const SCHEMA = {
  type: "object",
  required: ["tool", "runs", "footprint", "host"],
  properties: {
    tool: { type: "object", required: ["qemu", "gcc", "asc"], properties: { qemu: { type: "string" }, gcc: { type: "string" }, asc: { type: "string" } } },
    runs: {
      type: "array", minItems: 1,
      items: {
        type: "object", required: ["board", "backend", "isolation", "scenario", "n", "instructions_per_op", "floor_multiple"],
        properties: { ...config, scenario: { type: "string" }, n: { type: "integer", minimum: 1 }, instructions_per_op: { type: "number", exclusiveMinimum: 0 }, floor_multiple: { type: "number", exclusiveMinimum: 0 } },
      },
    },
    footprint: {
      type: "array", minItems: 1,
      items: {
        type: "object", required: ["board", "backend", "isolation", "flash_bytes", "ram_bytes", "spm_flash_bytes", "spm_ram_bytes"],
        properties: { ...config, flash_bytes: bytes, ram_bytes: bytes, spm_flash_bytes: bytes, spm_ram_bytes: bytes },
      },
    },
    host: { type: "array", items: { type: "object", required: ["backend", "scenario", "ops_per_second"], properties: { backend: { enum: ["sfn", "ipc"] }, scenario: { type: "string" }, ops_per_second: { type: "number", minimum: 0 } } } },
  },
};

test("a small bench run (two configurations, small n) completes, is deterministic, and writes JSON of the issue's schema, Markdown and an SVG chart", () => {
  const out = tempDir("bench");
  const stdout = execFileSync("node", [BIN, "bench", "--board", "mps2-an521", "--config", "sfn/1,ipc/3", "--n", "50", "--host-seconds", "0.05", "--json", "--out", out], { encoding: "utf8" });
  const results = JSON.parse(stdout);
  const ajv = new Ajv();
  assert.ok(ajv.validate(SCHEMA, results), ajv.errorsText());
  assert.equal(results.deterministic, true);
  assert.deepEqual([...new Set(results.runs.map((r: { backend: string; isolation: number }) => `${r.backend}/${r.isolation}`))], ["sfn/1", "ipc/3"]);
  assert.ok(results.runs.some((r: { scenario: string }) => r.scenario === "call_empty"));
  assert.deepEqual(JSON.parse(readFileSync(join(out, "latest.json"), "utf8")), results);
  assert.match(readFileSync(join(out, "latest.md"), "utf8"), /\| call_empty \|/);
  assertChartShows(readFileSync(join(out, "latest.svg"), "utf8"), results.runs);
});

/**
 * The chart draws a bar for every scenario and configuration, with the bar's height growing with
 * its instruction count (log scale), and a floor tick on each: an SVG with the axes but no bars
 * (as a log scale shared with a linear layer once drew) fails.
 */
function assertChartShows(svg: string, runs: { scenario: string; instructions_per_op: number }[]) {
  assert.match(svg, /^<svg [^>]*>/);
  const marks = (role: string) => [...svg.matchAll(new RegExp(`aria-label="scenario: ([a-z0-9_]+); [^"]*?(?:instructions \\(log\\)|floor): ([0-9.]+)[^"]*" role="graphics-symbol" aria-roledescription="${role}" d="M[-0-9.]+,[-0-9.]+h[-0-9.]+v([-0-9.]+)`, "g"))]
    .map((m) => ({ scenario: m[1], value: Number(m[2]), height: Number(m[3]) }));
  const bars = marks("bar");
  const charted = runs.filter((r) => !r.scenario.startsWith("floor_") && r.scenario !== "native_sha256_1k");
  assert.equal(bars.length, charted.length, "a bar per scenario and configuration");
  assert.ok(bars.every((b) => b.height > 1), `every bar has a height: ${JSON.stringify(bars)}`);
  const sorted = [...bars].sort((a, b) => a.value - b.value);
  assert.ok(sorted.every((b, i) => i === 0 || b.height >= sorted[i - 1].height), "a larger count is a taller bar");
  assert.equal(marks("tick").length, charted.length, "a floor tick on every bar");
}

test("bench flags outside what is allowed are errors that say what is", () => {
  const run = (...args: string[]) => spawnSync("node", [BIN, "bench", ...args], { encoding: "utf8" });
  const sfn2 = run("--config", "sfn/2");
  assert.equal(sfn2.status, 2);
  assert.match(sfn2.stderr, /--config sfn\/2: the SFN backend allows isolation level 1 only/);
  assert.match(run("--config", "tfm").stderr, /--config tfm: expected backend\/level; allowed: sfn\/1, ipc\/1, ipc\/2, ipc\/3/);
  assert.match(run("--scenario", "nope").stderr, /--scenario nope: allowed: framework_version, call_empty/);
  assert.match(run("--n", "0").stderr, /--n 0: expected a whole number from 1 to 100000/);
  assert.match(run("--board", "mps9").stderr, /mps9/);
});
