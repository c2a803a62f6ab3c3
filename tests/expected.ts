/** What the Crypto partition prints at boot on a board without an entropy source (all of them, in QEMU). */
export const CRYPTO_ENTROPY_WARNING = [
  "[TFM_SP_CRYPTO] WARNING: this board has no entropy source: psa_generate_random is seeded with a FIXED TEST SEED.",
  "[TFM_SP_CRYPTO] WARNING: its output is the same on every boot and PREDICTABLE; never use it for keys or nonces.",
];

/** What the default image prints, on every board and on the host runner alike, per backend. */
export function defaultImageUart(backend: "sfn" | "ipc"): string {
  const ipc = backend === "ipc";
  return [
    ipc ? "[SPM] bulkhead: 4 partition(s), 4 service(s), IPC backend" : "[SPM] bulkhead: 3 partition(s), 3 service(s), SFN backend",
    ...CRYPTO_ENTROPY_WARNING,
    "[NS] bulkhead NS application",
    "[NS] psa_framework_version() = 0x0101",
    "[NS] psa_version(TFM_ECHO_SERVICE) = 1",
    "[NS] psa_version(0xdead) = 0",
    '[NS] psa_call(TFM_ECHO_SERVICE, "hello, secure world") = 0, 19 bytes: "HELLO, SECURE WORLD"',
    "[NS] psa_call with a secure pointer = -129",
    ipc
      ? "[NS] TFM_COUNTER_SERVICE: connected, add 5 -> 5, add 7 -> 12, add 30 -> 42, closed"
      : "[NS] TFM_COUNTER_SERVICE is not in this image (it needs the IPC backend)",
    '[NS] psa_its_set/get(uid 0x42) = 0/0: "bulkhead keeps this", size 19; removed = 0, then get_info = -140',
    '[NS] psa_hash_compute(SHA-256, "abc") = 0: ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad; psa_hash_compare = 0',
    "[NS] psa_mac_compute(HMAC-SHA-256, RFC 4231 case 2) = 0: 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843; psa_mac_verify = 0",
    // The HMAC_DRBG's output from the fixed test seed: the same on every board and boot.
    "[NS] psa_generate_random(16) = 0: 5f1bcfb71cbfd9f9cf152f6e4f7662b8",
    "[NS] all checks passed",
    "",
  ].join("\n");
}
