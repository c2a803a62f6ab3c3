// The NS application's use of bulkhead's ITS and Crypto partitions, in QEMU: what it stored comes
// back, and its SHA-256 is the one Node computes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { bootInQemu } from "bulkhead/testing";

test("the NS application stores the reply in ITS and hashes it with Crypto", async () => {
  const { exitCode, uart } = await bootInQemu();
  assert.match(uart, /\[NS\] ITS uid 1 holds the reply/);
  const sha = createHash("sha256").update("dlrow eruces ,olleh").digest("hex");
  assert.match(uart, new RegExp(`\\[NS\\] SHA-256: ${sha}`));
  assert.equal(exitCode, 0);
});
