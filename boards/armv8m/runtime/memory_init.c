#include "bulkhead/port.h"

extern const uint32_t __copy_table_start[], __copy_table_end[];
extern const uint32_t __zero_table_start[], __zero_table_end[];

/* The linker script lists every initialised section as {load, start, end} and every zeroed one as
 * {start, end}, so each partition's RW region is initialised where the linker placed it. */
void bulkhead_memory_init(void)
{
    for (const uint32_t *t = __copy_table_start; t < __copy_table_end; t += 3) {
        const uint32_t *src = (const uint32_t *)t[0];
        for (uint32_t *dst = (uint32_t *)t[1]; dst < (uint32_t *)t[2];) {
            *dst++ = *src++;
        }
    }
    for (const uint32_t *t = __zero_table_start; t < __zero_table_end; t += 2) {
        for (uint32_t *dst = (uint32_t *)t[0]; dst < (uint32_t *)t[1];) {
            *dst++ = 0;
        }
    }
}
