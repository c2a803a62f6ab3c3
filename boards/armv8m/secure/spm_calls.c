/* A partition's "psa" imports. They lead to the SPM module's export of the same name; the SPM
 * knows which partition is calling (the running thread) and which memory that lets it touch. */
#include "bulkhead/spm_call.h"

#define UNUSED_CTX (void)ctx

#if BULKHEAD_BACKEND_IPC
/* Partition code runs in its thread, except a FLIH, which runs in the interrupt handler. */
#define PSA_ENTER(num, a, b, c, d, direct) \
    (bulkhead_ipsr() != 0 ? SPM_ENTER_FROM_HANDLER(direct) : SPM_ENTER(num, a, b, c, d, direct))
#else
#define PSA_ENTER SPM_ENTER
#endif

u32 Z_psaZ_psa_framework_version(struct Z_psa_instance_t *ctx)
{
    UNUSED_CTX;
    return PSA_ENTER(SPM_FRAMEWORK_VERSION, 0, 0, 0, 0, Z_spmZ_psa_framework_version(SPM));
}

u32 Z_psaZ_psa_version(struct Z_psa_instance_t *ctx, u32 sid)
{
    UNUSED_CTX;
    return PSA_ENTER(SPM_VERSION, sid, 0, 0, 0, Z_spmZ_psa_version(SPM, sid));
}

u32 Z_psaZ_psa_connect(struct Z_psa_instance_t *ctx, u32 sid, u32 version)
{
    UNUSED_CTX;
    return PSA_ENTER(SPM_CONNECT, sid, version, 0, 0, Z_spmZ_psa_connect(SPM, sid, version));
}

/* TF-M's packed control word; values that do not fit become ones the SPM rejects, never aliases. */
static u32 call_pack(u32 type, u32 in_len, u32 out_len)
{
    int32_t t = (int32_t)type;
    u32 packed_type = (t < -0x8000 || t > 0x7fff) ? 0x8000u : (type & 0xffffu);
    return packed_type | ((out_len > 0xffu ? 0xffu : out_len) << 16) | ((in_len > 0xffu ? 0xffu : in_len) << 24);
}

u32 Z_psaZ_psa_call(struct Z_psa_instance_t *ctx, u32 handle, u32 type, u32 in_vec, u32 in_len, u32 out_vec, u32 out_len)
{
    UNUSED_CTX;
    u32 ctrl = call_pack(type, in_len, out_len);
    return PSA_ENTER(SPM_CALL, handle, ctrl, in_vec, out_vec, Z_spmZ_psa_call(SPM, handle, ctrl, in_vec, out_vec));
}

void Z_psaZ_psa_close(struct Z_psa_instance_t *ctx, u32 handle)
{
    UNUSED_CTX;
    PSA_ENTER(SPM_CLOSE, handle, 0, 0, 0, (Z_spmZ_psa_close(SPM, handle), 0));
}

u32 Z_psaZ_psa_wait(struct Z_psa_instance_t *ctx, u32 mask, u32 timeout)
{
    UNUSED_CTX;
    return PSA_ENTER(SPM_WAIT, mask, timeout, 0, 0, Z_spmZ_psa_wait(SPM, mask, timeout));
}

u32 Z_psaZ_psa_get(struct Z_psa_instance_t *ctx, u32 signal, u32 msg)
{
    UNUSED_CTX;
    return PSA_ENTER(SPM_GET, signal, msg, 0, 0, Z_spmZ_psa_get(SPM, signal, msg));
}

void Z_psaZ_psa_set_rhandle(struct Z_psa_instance_t *ctx, u32 handle, u32 rhandle)
{
    UNUSED_CTX;
    PSA_ENTER(SPM_SET_RHANDLE, handle, rhandle, 0, 0, (Z_spmZ_psa_set_rhandle(SPM, handle, rhandle), 0));
}

u32 Z_psaZ_psa_read(struct Z_psa_instance_t *ctx, u32 handle, u32 idx, u32 buffer, u32 n)
{
    UNUSED_CTX;
    return PSA_ENTER(SPM_READ, handle, idx, buffer, n, Z_spmZ_psa_read(SPM, handle, idx, buffer, n));
}

u32 Z_psaZ_psa_skip(struct Z_psa_instance_t *ctx, u32 handle, u32 idx, u32 n)
{
    UNUSED_CTX;
    return PSA_ENTER(SPM_SKIP, handle, idx, n, 0, Z_spmZ_psa_skip(SPM, handle, idx, n));
}

void Z_psaZ_psa_write(struct Z_psa_instance_t *ctx, u32 handle, u32 idx, u32 buffer, u32 n)
{
    UNUSED_CTX;
    PSA_ENTER(SPM_WRITE, handle, idx, buffer, n, (Z_spmZ_psa_write(SPM, handle, idx, buffer, n), 0));
}

void Z_psaZ_psa_reply(struct Z_psa_instance_t *ctx, u32 handle, u32 status)
{
    UNUSED_CTX;
    PSA_ENTER(SPM_REPLY, handle, status, 0, 0, (Z_spmZ_psa_reply(SPM, handle, status), 0));
}

void Z_psaZ_psa_notify(struct Z_psa_instance_t *ctx, u32 pid)
{
    UNUSED_CTX;
    PSA_ENTER(SPM_NOTIFY, pid, 0, 0, 0, (Z_spmZ_psa_notify(SPM, pid), 0));
}

void Z_psaZ_psa_clear(struct Z_psa_instance_t *ctx)
{
    UNUSED_CTX;
    PSA_ENTER(SPM_CLEAR, 0, 0, 0, 0, (Z_spmZ_psa_clear(SPM), 0));
}

void Z_psaZ_psa_panic(struct Z_psa_instance_t *ctx)
{
    UNUSED_CTX;
    PSA_ENTER(SPM_PANIC, 0, 0, 0, 0, (Z_spmZ_psa_panic(SPM), 0));
}

u32 Z_psaZ_psa_rot_lifecycle_state(struct Z_psa_instance_t *ctx)
{
    UNUSED_CTX;
    return PSA_ENTER(SPM_LIFECYCLE, 0, 0, 0, 0, Z_spmZ_psa_rot_lifecycle_state(SPM));
}

u32 Z_psaZ_psa_map_invec(struct Z_psa_instance_t *ctx, u32 handle, u32 idx, u32 window, u32 size)
{
    UNUSED_CTX;
    return PSA_ENTER(SPM_MAP_INVEC, handle, idx, window, size, Z_spmZ_psa_map_invec(SPM, handle, idx, window, size));
}

void Z_psaZ_psa_unmap_invec(struct Z_psa_instance_t *ctx, u32 handle, u32 idx)
{
    UNUSED_CTX;
    PSA_ENTER(SPM_UNMAP_INVEC, handle, idx, 0, 0, (Z_spmZ_psa_unmap_invec(SPM, handle, idx), 0));
}

u32 Z_psaZ_psa_map_outvec(struct Z_psa_instance_t *ctx, u32 handle, u32 idx, u32 window, u32 size)
{
    UNUSED_CTX;
    return PSA_ENTER(SPM_MAP_OUTVEC, handle, idx, window, size, Z_spmZ_psa_map_outvec(SPM, handle, idx, window, size));
}

void Z_psaZ_psa_unmap_outvec(struct Z_psa_instance_t *ctx, u32 handle, u32 idx, u32 len)
{
    UNUSED_CTX;
    PSA_ENTER(SPM_UNMAP_OUTVEC, handle, idx, len, 0, (Z_spmZ_psa_unmap_outvec(SPM, handle, idx, len), 0));
}

void Z_psaZ_psa_irq_enable(struct Z_psa_instance_t *ctx, u32 signal)
{
    UNUSED_CTX;
    PSA_ENTER(SPM_IRQ_ENABLE, signal, 0, 0, 0, (Z_spmZ_psa_irq_enable(SPM, signal), 0));
}

u32 Z_psaZ_psa_irq_disable(struct Z_psa_instance_t *ctx, u32 signal)
{
    UNUSED_CTX;
    return PSA_ENTER(SPM_IRQ_DISABLE, signal, 0, 0, 0, Z_spmZ_psa_irq_disable(SPM, signal));
}

void Z_psaZ_psa_reset_signal(struct Z_psa_instance_t *ctx, u32 signal)
{
    UNUSED_CTX;
    PSA_ENTER(SPM_RESET_SIGNAL, signal, 0, 0, 0, (Z_spmZ_psa_reset_signal(SPM, signal), 0));
}

void Z_psaZ_psa_eoi(struct Z_psa_instance_t *ctx, u32 signal)
{
    UNUSED_CTX;
    PSA_ENTER(SPM_EOI, signal, 0, 0, 0, (Z_spmZ_psa_eoi(SPM, signal), 0));
}

u32 Z_psaZ_bulkhead_mmio_read32(struct Z_psa_instance_t *ctx, u32 addr)
{
    UNUSED_CTX;
    return PSA_ENTER(SPM_MMIO_READ32, addr, 0, 0, 0, Z_spmZ_bulkhead_mmio_read32(SPM, addr));
}

void Z_psaZ_bulkhead_mmio_write32(struct Z_psa_instance_t *ctx, u32 addr, u32 value)
{
    UNUSED_CTX;
    PSA_ENTER(SPM_MMIO_WRITE32, addr, value, 0, 0, (Z_spmZ_bulkhead_mmio_write32(SPM, addr, value), 0));
}
