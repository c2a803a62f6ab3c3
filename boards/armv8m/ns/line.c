#include "bulkhead/ns_line.h"

size_t bulkhead_line_append(char *line, size_t n, const char *s)
{
    while (*s) {
        line[n++] = *s++;
    }
    return n;
}

size_t bulkhead_line_append_uint(char *line, size_t n, uint32_t v)
{
    char digits[10];
    int d = 0;
    do {
        digits[d++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (d) {
        line[n++] = digits[--d];
    }
    return n;
}

size_t bulkhead_line_append_int(char *line, size_t n, int32_t v)
{
    if (v < 0) {
        line[n++] = '-';
    }
    return bulkhead_line_append_uint(line, n, v < 0 ? 0u - (uint32_t)v : (uint32_t)v);
}
