// `npm run test:<tier>`: the files of one tier (tests/tiers.json) under node --test, with the tier
// named so that files of two tiers run only this one's tests (tier.ts).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const tier = process.argv[2];
const tiers = JSON.parse(readFileSync(join(import.meta.dirname, "..", "tiers.json"), "utf8")) as Record<string, string[]>;
if (!(tier in tiers)) {
  process.stderr.write(`run-tier: unknown tier ${tier}; the tiers are: ${Object.keys(tiers).join(", ")}\n`);
  process.exit(2);
}
const files = tiers[tier].map((f) => join("tests", `${f}.test.ts`));
const r = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=2", ...files], {
  stdio: "inherit",
  env: { ...process.env, BULKHEAD_TEST_TIER: tier },
});
process.exit(r.status ?? 1);
