/* SHA-256 in C: the native side of the benchmark's AOT comparison (assembly/lib/sha256.ts is the
 * AssemblyScript side; both compress one block at a time with the same message schedule). */
#ifndef BENCH_SHA256_H
#define BENCH_SHA256_H

#include <stddef.h>
#include <stdint.h>

void bench_sha256(const uint8_t *data, size_t len, uint8_t out[32]);

#endif
