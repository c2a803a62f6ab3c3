/** What the default image prints, on every board and on the host runner alike, per backend. */
export function defaultImageUart(backend: "sfn" | "ipc"): string {
  const ipc = backend === "ipc";
  return [
    ipc ? "[SPM] bulkhead: 3 partition(s), 3 service(s), IPC backend" : "[SPM] bulkhead: 2 partition(s), 2 service(s), SFN backend",
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
    "[NS] all checks passed",
    "",
  ].join("\n");
}
