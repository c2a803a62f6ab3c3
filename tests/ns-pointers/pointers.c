/* Hostile NS pointers (issue 17, S1): the NS side hands psa_call vectors, and vector arrays, that
 * name memory outside what the build gave it: the secure System Control Space (which the SAU and
 * IDAU exempt, so the TT instruction alone calls it non-secure), the vendor system area above it,
 * the NSC veneers, secure code, the secure and non-secure aliases of a peripheral, and one byte
 * past each edge of the NS code and RAM. Each line is "[PTR] <case>: <status>"; the test holds the
 * statuses to the rule (PSA_ERROR_PROGRAMMER_ERROR for every one outside NS memory). The last
 * line says whether the SPM still serves. */
#include <stdint.h>
#include <string.h>
#include "psa/client.h"
#include "bulkhead/ns_line.h"
#include "bulkhead/veneers.h"
#include "board_config.h"
#include "nsapp.h"

#define ECHO_HANDLE ((psa_handle_t)0x40000101)
#define NS_CODE_END (BOARD_NS_CODE_BASE + BOARD_NS_CODE_SIZE)
#define NS_RAM_END (BOARD_NS_RAM_BASE + BOARD_NS_RAM_SIZE)
/* The Peripheral Private Bus: secure SCB, MPU, SAU and NVIC registers behind the NS-banked view. */
#define VTOR_S 0xE000ED08u
#define AIRCR_S 0xE000ED0Cu
#define MPU_CTRL_S 0xE000ED94u
#define SAU_CTRL 0xE000EDD0u
#define NVIC_ISER_S 0xE000E100u
#define PPB_LAST 0xE00FFFFCu
#define VENDOR_SYS 0xF0000000u
/* Peripherals sit at 0x5xxxxxxx (secure alias) and 0x4xxxxxxx (NS alias). */
#define NS_ALIAS(addr) ((addr) & ~0x10000000u)

enum dir { IN, OUT, IN_ARRAY, OUT_ARRAY };

struct ptr_case {
    const char *name;
    enum dir dir;
    uint32_t addr, len;
};

static void print(const char *s)
{
    bulkhead_ns_console_write_veneer(s, strlen(s));
}

static void print_status(const char *name, psa_status_t status)
{
    char line[96];
    size_t n = bulkhead_line_append(line, 0, "[PTR] ");
    n = bulkhead_line_append(line, n, name);
    n = bulkhead_line_append(line, n, ": ");
    n = bulkhead_line_append_int(line, n, status);
    n = bulkhead_line_append(line, n, "\n");
    bulkhead_ns_console_write_veneer(line, n);
}

static uint8_t scratch[16];

static psa_status_t attempt(const struct ptr_case *c)
{
    psa_invec in = { (const void *)c->addr, c->len };
    psa_outvec out = { (void *)c->addr, c->len };
    psa_invec good_in = { "ok", 2 };
    psa_outvec good_out = { scratch, sizeof scratch };
    switch (c->dir) {
    case IN: return psa_call(ECHO_HANDLE, 0, &in, 1, &good_out, 1);
    case OUT: return psa_call(ECHO_HANDLE, 0, &good_in, 1, &out, 1);
    case IN_ARRAY: return psa_call(ECHO_HANDLE, 0, (const psa_invec *)c->addr, 1, NULL, 0);
    default: return psa_call(ECHO_HANDLE, 0, &good_in, 1, (psa_outvec *)c->addr, 1);
    }
}

u32 Z_ns_pointersZ_run(struct Z_ns_pointers_instance_t *ctx)
{
    (void)ctx;
    const uint32_t veneer = (uint32_t)(uintptr_t)&tfm_psa_call_veneer & ~1u;
    const struct ptr_case cases[] = {
        { "invec VTOR_S", IN, VTOR_S, 4 },
        { "invec MPU_CTRL_S", IN, MPU_CTRL_S, 4 },
        { "outvec MPU_CTRL_S", OUT, MPU_CTRL_S, 4 },
        { "outvec AIRCR_S", OUT, AIRCR_S, 4 },
        { "outvec SAU_CTRL", OUT, SAU_CTRL, 4 },
        { "invec NVIC_ISER_S", IN, NVIC_ISER_S, 16 },
        { "invec last PPB word", IN, PPB_LAST, 4 },
        { "invec vendor system area", IN, VENDOR_SYS, 4 },
        { "outvec vendor system area", OUT, VENDOR_SYS, 4 },
        { "invec array in the SCS", IN_ARRAY, 0xE000ED00u, 8 },
        { "outvec array in the SCS", OUT_ARRAY, MPU_CTRL_S, 8 },
        { "invec NSC veneer", IN, veneer, 4 },
        { "invec secure code", IN, BOARD_S_CODE_BASE, 4 },
        { "invec secure UART alias", IN, BOARD_UART_BASE, 4 },
        { "outvec NS UART alias", OUT, NS_ALIAS(BOARD_UART_BASE), 4 },
        { "invec below NS code", IN, BOARD_NS_CODE_BASE - 4u, 4 },
        { "invec across NS code start", IN, BOARD_NS_CODE_BASE - 4u, 8 },
        { "invec NS code", IN, BOARD_NS_CODE_BASE, 8 },
        { "outvec NS code", OUT, BOARD_NS_CODE_BASE, 8 },
        { "invec last NS RAM bytes", IN, NS_RAM_END - 8u, 8 },
        { "invec across NS RAM end", IN, NS_RAM_END - 4u, 8 },
        { "outvec across NS RAM end", OUT, NS_RAM_END - 4u, 8 },
        { "invec past NS RAM", IN, NS_RAM_END, 4 },
        { "invec wrapping the address space", IN, NS_RAM_END - 8u, 0xFFFFFFF0u },
        { "invec null", IN, 0, 4 },
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        print_status(cases[i].name, attempt(&cases[i]));
    }
    /* Still serving, with what the vectors say. */
    psa_invec in = { "serving", 7 };
    psa_outvec out = { scratch, sizeof scratch };
    const psa_status_t status = psa_call(ECHO_HANDLE, 0, &in, 1, &out, 1);
    print(status == PSA_SUCCESS && out.len == 7 && memcmp(scratch, "SERVING", 7) == 0 ? "[PTR] the SPM still serves\n"
                                                                                    : "[PTR] the SPM no longer serves\n");
    print("[PTR] done\n");
    return 0;
}
