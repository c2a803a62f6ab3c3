// The NS pointer test's NS application: the work is in C (pointers.c), which can name any address.
@external("ns_pointers", "run") declare function run(): i32;

export function main(): i32 {
  return run();
}
