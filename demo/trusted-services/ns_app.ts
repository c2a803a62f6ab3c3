// The Trusted Services demo's NS application: the work is in C (vectors.c), written against the
// PSA headers an NS firmware engineer includes, psa/crypto.h and psa/internal_trusted_storage.h.
@external("trusted_services_demo", "run") declare function run(): i32;

export function main(): i32 {
  return run();
}
