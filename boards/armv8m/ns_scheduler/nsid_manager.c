/* The NS scheduler's NSID manager: an NSID from the task's name (FNV-1a), so it is the same on
 * every boot and survives reordering the task table. */
#include "bulkhead/ns_scheduler.h"

int32_t ns_nsid_of(const char *name)
{
    uint32_t h = 2166136261u;
    for (const char *c = name; *c; c++) {
        h = (h ^ (uint8_t)*c) * 16777619u;
    }
    /* -2 .. -0x40000001: negative, and never -1 (the SPM's own NSID). */
    return -(int32_t)(h & 0x3fffffffu) - 2;
}
