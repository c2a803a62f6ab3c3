/* Building one console line in NS C code without printf (newlib's pulls in a heap): the line
 * goes to the console in one veneer call, so NS tasks that preempt each other do not mix lines. */
#ifndef BULKHEAD_NS_LINE_H
#define BULKHEAD_NS_LINE_H

#include <stddef.h>
#include <stdint.h>

/* Each appends at line[n] and returns the new length; the caller sizes line. */
size_t bulkhead_line_append(char *line, size_t n, const char *s);
size_t bulkhead_line_append_uint(char *line, size_t n, uint32_t v);
size_t bulkhead_line_append_int(char *line, size_t n, int32_t v);

#endif
