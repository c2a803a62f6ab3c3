/**
 * Test tiers (tests/tiers.json): `npm run test:unit` needs neither the cross toolchain nor QEMU,
 * `test:host` runs the host runner, `test:qemu` boots images in QEMU; `npm test` runs them all.
 * A file with tests of both the host and the QEMU tier is listed in both, and marks each test
 * with the tier it belongs to, so that each tier runs only its own.
 */
const TIER = process.env.BULKHEAD_TEST_TIER;

export const onHost = { skip: TIER === "qemu" ? "a host-tier test" : false };
export const inQemu = { skip: TIER === "host" ? "a QEMU-tier test" : false };
