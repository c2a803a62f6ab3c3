export { NS, nsWorld } from "../../host/runner/ns-world.ts";

/** An address in the secure world, and the statuses the tests expect. */
export const SECURE = 0x30000000;
export const PROGRAMMER_ERROR = -129;
export const CONNECTION_REFUSED = -130;

/** TF-M's psa_call control word, unclamped, so a test can build any word it likes. */
export const pack = (type: number, inLen: number, outLen: number) => ((type & 0xffff) | (outLen << 16) | (inLen << 24)) >>> 0;
