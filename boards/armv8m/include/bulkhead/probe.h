/* The isolation tests' probe targets (generated into secure_modules.c with the probes option). */
#ifndef BULKHEAD_PROBE_H
#define BULKHEAD_PROBE_H

#include <stdint.h>
#include "wasm-rt.h"

typedef uint32_t u32;
struct Z_probe_instance_t;

/* Assets: code, constant data, private data, stack, peripheral, and the base of the module's
 * Wasm linear memory (where a forbidden iovec aims); 0 where the target has none. */
#define PROBE_ASSETS 6u

struct bulkhead_probe_target {
    uint32_t pid; /* a partition's pid, 0 the SPM, 0xffffffff the NS side */
    uint32_t asset[PROBE_ASSETS];
};

extern const struct bulkhead_probe_target bulkhead_probe_targets[];
extern const uint32_t bulkhead_probe_target_count;

#endif
