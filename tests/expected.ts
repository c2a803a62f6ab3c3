/** What the default image prints, on every board and on the host runner alike. */
export const DEFAULT_IMAGE_UART = [
  "[SPM] bulkhead: 1 partition(s), 1 service(s), SFN backend",
  "[NS] bulkhead NS application",
  "[NS] psa_framework_version() = 0x0101",
  "[NS] psa_version(TFM_ECHO_SERVICE) = 1",
  "[NS] psa_version(0xdead) = 0",
  '[NS] psa_call(TFM_ECHO_SERVICE, "hello, secure world") = 0, 19 bytes: "HELLO, SECURE WORLD"',
  "[NS] psa_call with a secure pointer = -129",
  "[NS] all checks passed",
  "",
].join("\n");
