/* A bare-metal wasm2c runtime: linear memories are static buffers the linker placed in each
 * module's RW region, never heap; a trap ends the run with the trap's name on the UART. Shared
 * by the secure and the non-secure image. */
#include <stdbool.h>
#include "wasm-rt.h"
#include "bulkhead/port.h"
#include "bulkhead_abi/facts.h"

void bulkhead_trap_report(const char *what);
/* Each image decides whose trap it is (the secure image: a partition's or the SPM's). */
void bulkhead_wasm_trap(uint32_t code, const char *name);

static uint8_t *next_buffer;
static uint32_t next_size;

void bulkhead_wasm_memory_next(uint8_t *buffer, uint32_t size)
{
    next_buffer = buffer;
    next_size = size;
}

void wasm_rt_init(void) {}
bool wasm_rt_is_initialized(void) { return true; }
void wasm_rt_free(void) {}

/* The buffer may be smaller than initial_pages * 64 KiB: a module gets what its build budgeted
 * and every access past that traps, exactly as an access past a Wasm memory does. */
void wasm_rt_allocate_memory(wasm_rt_memory_t *memory, uint32_t initial_pages, uint32_t max_pages)
{
    if (next_buffer == NULL) {
        bulkhead_trap_report("no linear memory buffer registered for this module");
    }
    memory->data = next_buffer;
    memory->size = next_size;
    memory->pages = initial_pages;
    memory->max_pages = max_pages;
    /* No zeroing here: the buffer is in the module's .bss, cleared by bulkhead_memory_init. */
    next_buffer = NULL;
}

/* Memories never grow: their size is fixed at build time. */
uint32_t wasm_rt_grow_memory(wasm_rt_memory_t *memory, uint32_t pages)
{
    (void)memory;
    (void)pages;
    return (uint32_t)-1;
}

void wasm_rt_free_memory(wasm_rt_memory_t *memory) { (void)memory; }

#define TRAP_NAME(code, name) [code] = name,
static const char *const trap_names[] = {
    [WASM_RT_TRAP_NONE] = "none",
    BULKHEAD_TRAPS(TRAP_NAME)
};

void wasm_rt_trap(wasm_rt_trap_t trap)
{
    const char *name = (unsigned)trap < sizeof trap_names / sizeof trap_names[0] && trap_names[trap]
                           ? trap_names[trap]
                           : "unknown trap";
    bulkhead_wasm_trap((uint32_t)trap, name);
    for (;;) {
    }
}

const char *wasm_rt_strerror(wasm_rt_trap_t trap)
{
    return (unsigned)trap < sizeof trap_names / sizeof trap_names[0] ? trap_names[trap] : "unknown";
}

/* Function types are compared by identity; a small registry is enough for AS modules. */
#define MAX_FUNC_TYPES 64
static struct {
    uint32_t params, results;
    wasm_rt_type_t types[8];
} func_types[MAX_FUNC_TYPES];
static uint32_t func_type_count;

uint32_t wasm_rt_register_func_type(uint32_t params, uint32_t results, ...)
{
    wasm_rt_type_t types[8];
    uint32_t n = params + results;
    __builtin_va_list ap;
    __builtin_va_start(ap, results);
    for (uint32_t i = 0; i < n && i < 8; i++) {
        types[i] = (wasm_rt_type_t)__builtin_va_arg(ap, int);
    }
    __builtin_va_end(ap);
    if (n > 8) {
        bulkhead_trap_report("function type with more than 8 parameters and results");
    }
    for (uint32_t t = 0; t < func_type_count; t++) {
        if (func_types[t].params == params && func_types[t].results == results &&
            memcmp(func_types[t].types, types, n * sizeof types[0]) == 0) {
            return t + 1;
        }
    }
    if (func_type_count == MAX_FUNC_TYPES) {
        bulkhead_trap_report("too many Wasm function types");
    }
    func_types[func_type_count].params = params;
    func_types[func_type_count].results = results;
    memcpy(func_types[func_type_count].types, types, n * sizeof types[0]);
    return ++func_type_count;
}

/* Tables (AS function references) are static buffers in each module's private data, handed over
 * like its memory, because a module's own code reads its table on every call_indirect. */
static wasm_rt_funcref_t *next_table;
static uint32_t next_table_size;

void bulkhead_wasm_table_next(wasm_rt_funcref_t *buffer, uint32_t elements)
{
    next_table = buffer;
    next_table_size = elements;
}

void wasm_rt_allocate_funcref_table(wasm_rt_funcref_table_t *table, uint32_t elements, uint32_t max_elements)
{
    if (elements > next_table_size) {
        bulkhead_trap_report("Wasm table larger than the build allotted");
    }
    table->data = next_table;
    table->size = elements;
    table->max_size = max_elements;
    next_table = NULL;
    next_table_size = 0;
}

void wasm_rt_free_funcref_table(wasm_rt_funcref_table_t *table) { (void)table; }
