/* The NS application module's imports. Its pointers are offsets in its own linear memory: they
 * become NS addresses here, after a bounds check against that memory, so a Wasm NS app can only
 * ever name its own bytes. */
#include "bulkhead/veneers.h"
#include "board_config.h"
#include "nsapp.h"

extern Z_nsapp_instance_t bulkhead_instance_nsapp;

static void *app_pointer(u32 offset, u32 len)
{
    const wasm_rt_memory_t *m = &bulkhead_instance_nsapp.w2c_memory;
    if (offset > m->size || len > m->size - offset) {
        return NULL;
    }
    return m->data + offset;
}

u32 Z_psaZ_psa_framework_version(struct Z_psa_instance_t *ctx)
{
    (void)ctx;
    return psa_framework_version();
}

u32 Z_psaZ_psa_version(struct Z_psa_instance_t *ctx, u32 sid)
{
    (void)ctx;
    return psa_version(sid);
}

u32 Z_psaZ_psa_connect(struct Z_psa_instance_t *ctx, u32 sid, u32 version)
{
    (void)ctx;
    return (u32)psa_connect(sid, version);
}

void Z_psaZ_psa_close(struct Z_psa_instance_t *ctx, u32 handle)
{
    (void)ctx;
    psa_close((psa_handle_t)handle);
}

u32 Z_psaZ_psa_call(struct Z_psa_instance_t *ctx, u32 handle, u32 type, u32 in_vec, u32 in_len,
                    u32 out_vec, u32 out_len)
{
    (void)ctx;
    psa_invec in[PSA_MAX_IOVEC];
    psa_outvec out[PSA_MAX_IOVEC];
    if (in_len > PSA_MAX_IOVEC || out_len > PSA_MAX_IOVEC) {
        return (u32)PSA_ERROR_PROGRAMMER_ERROR;
    }
    const u32 *in_desc = app_pointer(in_vec, in_len * 8u);
    u32 *out_desc = app_pointer(out_vec, out_len * 8u);
    if ((in_len && !in_desc) || (out_len && !out_desc)) {
        return (u32)PSA_ERROR_PROGRAMMER_ERROR;
    }
    for (u32 i = 0; i < in_len; i++) {
        in[i].base = app_pointer(in_desc[2 * i], in_desc[2 * i + 1]);
        in[i].len = in_desc[2 * i + 1];
        if (!in[i].base) {
            return (u32)PSA_ERROR_PROGRAMMER_ERROR;
        }
    }
    for (u32 i = 0; i < out_len; i++) {
        out[i].base = app_pointer(out_desc[2 * i], out_desc[2 * i + 1]);
        out[i].len = out_desc[2 * i + 1];
        if (!out[i].base) {
            return (u32)PSA_ERROR_PROGRAMMER_ERROR;
        }
    }
    psa_status_t status = psa_call((psa_handle_t)handle, (int32_t)type, in, in_len, out, out_len);
    for (u32 i = 0; i < out_len; i++) {
        out_desc[2 * i + 1] = out[i].len;
    }
    return (u32)status;
}

void Z_nsZ_console_write(struct Z_ns_instance_t *ctx, u32 buf, u32 len)
{
    (void)ctx;
    const char *p = app_pointer(buf, len);
    if (p) {
        bulkhead_ns_console_write_veneer(p, len);
    }
}

/* What a buggy or hostile NS caller could do in C: an input vector whose base is the start of the
 * secure image. The SPM must refuse it without reading a byte. */
u32 Z_nsZ_call_with_secure_pointer(struct Z_ns_instance_t *ctx, u32 handle)
{
    (void)ctx;
    psa_invec in = { (const void *)BOARD_S_CODE_BASE, 16 };
    return (u32)psa_call((psa_handle_t)handle, PSA_IPC_CALL, &in, 1, NULL, 0);
}

/* A word the runner may place in the last 4 bytes of NS RAM before reset (QEMU: -device loader),
 * so that one test image can be told where to start; 0 when nobody did. */
u32 Z_nsZ_boot_arg(struct Z_ns_instance_t *ctx)
{
    (void)ctx;
    return *(volatile uint32_t *)(BOARD_NS_RAM_BASE + BOARD_NS_RAM_SIZE - 4u);
}
