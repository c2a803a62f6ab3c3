/* The NSCE demo's NS tasks, run by the NS scheduler (boards/armv8m/ns/scheduler.c):
 * - "sensor" (group 1) reads a slow sensor service that keeps it inside a secure call until the
 *   board's timer fires (IPC backend);
 * - "logger-a" and "logger-b" (group 2, one shared context) and "audit" (group 3) ask a service
 *   which client ID the SPM reports for them, many times over.
 * Under IPC the other groups' calls complete while "sensor" waits inside its call: two or more
 * NS contexts live at once. Every task checks it is seen with its own NSID (or the SPM's single
 * NSID when NSCE does not manage NSIDs). Before the tasks start, the kernel's init (handler mode)
 * feeds NSCE every kind of bad input and prints what it got. */
#include "bulkhead/ns_scheduler.h"
#include "bulkhead/veneers.h"
#include "tfm_ns_client_ext.h"
#include "board_config.h"
#include "psa_manifest/sid.h"
#include "nsapp.h"

#define ROUNDS 40u
#define SENSOR_READS 3u
#define TICK_CYCLES 20000u
#define STACK_SIZE 0x400u
#define NS_CLIENT_ID_DEFAULT (-1)

static psa_handle_t whoami, sensor;
static uint32_t manage_nsid;
static volatile uint32_t calls_done;
static volatile uint32_t overlapped; /* calls other groups completed while "sensor" was in its call */
static volatile uint32_t mismatches;
static volatile uint32_t askers_ended;

static void print(const char *s)
{
    size_t n = 0;
    while (s[n]) {
        n++;
    }
    bulkhead_ns_console_write_veneer(s, n);
}

static int32_t ask(psa_handle_t h)
{
    int32_t id = 0;
    psa_outvec out = { &id, sizeof id };
    psa_status_t status = psa_call(h, PSA_IPC_CALL, NULL, 0, &out, 1);
    return status == PSA_SUCCESS ? id : status;
}

/* One console write per line: tasks preempt each other mid-print. */
struct line {
    char text[128];
    uint32_t n;
};

static void add(struct line *l, const char *s)
{
    while (*s && l->n < sizeof l->text) {
        l->text[l->n++] = *s++;
    }
}

static void add_int(struct line *l, int32_t v)
{
    char buf[12];
    int i = sizeof buf;
    uint32_t u = v < 0 ? (uint32_t)-v : (uint32_t)v;
    buf[--i] = 0;
    do {
        buf[--i] = (char)('0' + u % 10u);
        u /= 10u;
    } while (u);
    if (v < 0) {
        buf[--i] = '-';
    }
    add(l, &buf[i]);
}

/* Checks the client ID a service saw for the running task, and says so once per task. */
static void check(int32_t seen, uint32_t round)
{
    struct ns_task *t = ns_current_task();
    int32_t want = manage_nsid ? t->nsid : NS_CLIENT_ID_DEFAULT;
    struct line l = { .n = 0 };
    if (seen != want) {
        mismatches++;
        add(&l, "[NSCE] MISMATCH ");
        add(&l, t->name);
        add(&l, " was seen as ");
        add_int(&l, seen);
    } else if (round == 0) {
        add(&l, "[NSCE] ");
        add(&l, t->name);
        add(&l, " (group ");
        add_int(&l, t->group);
        add(&l, ", NSID ");
        add_int(&l, t->nsid);
        add(&l, ") is client_id ");
        add_int(&l, seen);
    } else {
        return;
    }
    add(&l, "\n");
    bulkhead_ns_console_write_veneer(l.text, l.n);
}

/* Each asker also holds a connection to the tally service (at most 3 open) and ends without
 * closing it: the SPM must end it at the service when the scheduler releases the context. */
static void asker(void)
{
    psa_handle_t tally = psa_connect(DEMO_TALLY_SERVICE_SID, 1);
    if (tally <= 0) {
        mismatches++;
    }
    for (uint32_t i = 0; i < ROUNDS; i++) {
        check(ask(whoami), i);
        calls_done++;
    }
    askers_ended++;
}

/* Once the askers have ended, takes all three tally connections: only possible when the
 * connections they left open were ended at the service. Their contexts are released when the
 * scheduler next switches away from them, so it tries again for a while. */
static void janitor(void)
{
    while (askers_ended < 3) {
    }
    psa_handle_t held[3];
    uint32_t got = 0;
    for (uint32_t attempt = 0; attempt < 200000 && got < 3; attempt++) {
        psa_handle_t h = psa_connect(DEMO_TALLY_SERVICE_SID, 1);
        if (h > 0) {
            held[got++] = h;
        }
    }
    struct line l = { .n = 0 };
    add(&l, "[NSCE] the tally connections of the ended tasks were ended at the service: ");
    add_int(&l, (int32_t)got);
    add(&l, got == 3 ? " of 3 connected again\n" : " of 3 connected, the service still holds the others\n");
    bulkhead_ns_console_write_veneer(l.text, l.n);
    if (got != 3) {
        mismatches++;
    }
    while (got) {
        psa_close(held[--got]);
    }
}

static void sensor_reader(void)
{
    for (uint32_t i = 0; i < SENSOR_READS; i++) {
        uint32_t before = calls_done;
        check(ask(sensor ? sensor : whoami), i);
        overlapped += calls_done - before;
    }
}

static uint8_t stacks[5][STACK_SIZE] __attribute__((aligned(8)));
static struct ns_task demo_tasks[] = {
    { .name = "sensor", .group = 1, .entry = sensor_reader, .stack = stacks[0], .stack_size = STACK_SIZE },
    { .name = "logger-a", .group = 2, .entry = asker, .stack = stacks[1], .stack_size = STACK_SIZE },
    { .name = "logger-b", .group = 2, .entry = asker, .stack = stacks[2], .stack_size = STACK_SIZE },
    { .name = "audit", .group = 3, .entry = asker, .stack = stacks[3], .stack_size = STACK_SIZE },
    { .name = "janitor", .group = 4, .entry = janitor, .stack = stacks[4], .stack_size = STACK_SIZE },
};

static void expect(const char *what, uint32_t got, uint32_t want)
{
    print("[NSCE] bad input: ");
    print(what);
    print(got == want ? " -> as defined\n" : " -> WRONG\n");
    if (got != want) {
        mismatches++;
    }
}

/* gid and tid are uint8_t in C; a caller may still put any value in the registers. */
typedef uint32_t acquire_any_t(uint32_t group_id, uint32_t thread_id);

/* Kernel init, in handler mode: every misuse the NSCE rules define, each leaving NSCE as it was. */
static void bad_inputs(void)
{
    uint32_t slots = tfm_nsce_init(0);
    expect("init asking for more contexts than there are", tfm_nsce_init(1000), slots);
    acquire_any_t *acquire_any = (acquire_any_t *)(uintptr_t)tfm_nsce_acquire_ctx;
    expect("acquire with group 256", acquire_any(256, 0), TFM_NS_CLIENT_INVALID_TOKEN);
    expect("acquire with thread 300", acquire_any(1, 300), TFM_NS_CLIENT_INVALID_TOKEN);
    expect("load before acquire", tfm_nsce_load_ctx(0x00000105u, -5), TFM_NS_CLIENT_ERR_INVALID_TOKEN);
    expect("save before acquire", tfm_nsce_save_ctx(0x00000105u), TFM_NS_CLIENT_ERR_INVALID_TOKEN);
    uint32_t a = tfm_nsce_acquire_ctx(7, 1);
    uint32_t b = tfm_nsce_acquire_ctx(6, 1);
    expect("forged token (another thread of the group)", tfm_nsce_load_ctx(a + 1u, -5), TFM_NS_CLIENT_ERR_INVALID_TOKEN);
    expect("forged token (reserved bits)", tfm_nsce_load_ctx(a | 0x01000000u, -5), TFM_NS_CLIENT_ERR_INVALID_TOKEN);
    expect("save of a context not loaded", tfm_nsce_save_ctx(a), TFM_NS_CLIENT_ERR_INVALID_ACCESS);
    expect("load of a context", tfm_nsce_load_ctx(a, -5), TFM_NS_CLIENT_ERR_SUCCESS);
    expect("load of another before saving", tfm_nsce_load_ctx(b, -6), TFM_NS_CLIENT_ERR_INVALID_ACCESS);
    if (manage_nsid) {
        expect("load with a non-negative NSID", tfm_nsce_load_ctx(a, 5), TFM_NS_CLIENT_ERR_INVALID_NSID);
    }
    expect("save", tfm_nsce_save_ctx(a), TFM_NS_CLIENT_ERR_SUCCESS);
    expect("release", tfm_nsce_release_ctx(a), TFM_NS_CLIENT_ERR_SUCCESS);
    expect("release twice", tfm_nsce_release_ctx(a), TFM_NS_CLIENT_ERR_INVALID_TOKEN);
    expect("release without save", tfm_nsce_release_ctx(b), TFM_NS_CLIENT_ERR_SUCCESS);
    uint32_t held[32];
    uint32_t n = 0;
    while (n < 32 && (held[n] = tfm_nsce_acquire_ctx((uint8_t)(100 + n), 0)) != TFM_NS_CLIENT_INVALID_TOKEN) {
        n++;
    }
    expect("acquire with every slot taken", n == slots ? TFM_NS_CLIENT_INVALID_TOKEN : 0, TFM_NS_CLIENT_INVALID_TOKEN);
    while (n > 0) {
        tfm_nsce_release_ctx(held[--n]);
    }
}

/* nsce_demo.run: the scheduler demo; 0 when every check held. */
u32 Z_nsce_demoZ_run(struct Z_nsce_demo_instance_t *ctx, u32 whoami_handle, u32 sensor_handle, u32 manage)
{
    (void)ctx;
    whoami = (psa_handle_t)whoami_handle;
    sensor = (psa_handle_t)sensor_handle;
    manage_nsid = manage;
    uint32_t granted = ns_scheduler_run(demo_tasks, sizeof demo_tasks / sizeof demo_tasks[0], TICK_CYCLES, bad_inputs);
    struct line l = { .n = 0 };
    add(&l, "[NSCE] ");
    add_int(&l, (int32_t)granted);
    add(&l, " context slots; calls by other groups while sensor waited inside its secure call: ");
    add_int(&l, (int32_t)overlapped);
    add(&l, "\n");
    bulkhead_ns_console_write_veneer(l.text, l.n);
    return mismatches;
}

u32 Z_nsceZ_tfm_nsce_init(struct Z_nsce_instance_t *ctx, u32 n)
{
    (void)ctx;
    return tfm_nsce_init(n);
}

u32 Z_nsceZ_tfm_nsce_acquire_ctx(struct Z_nsce_instance_t *ctx, u32 gid, u32 tid)
{
    (void)ctx;
    return tfm_nsce_acquire_ctx((uint8_t)gid, (uint8_t)tid);
}

u32 Z_nsceZ_tfm_nsce_release_ctx(struct Z_nsce_instance_t *ctx, u32 token)
{
    (void)ctx;
    return tfm_nsce_release_ctx(token);
}

u32 Z_nsceZ_tfm_nsce_load_ctx(struct Z_nsce_instance_t *ctx, u32 token, u32 nsid)
{
    (void)ctx;
    return tfm_nsce_load_ctx(token, (int32_t)nsid);
}

u32 Z_nsceZ_tfm_nsce_save_ctx(struct Z_nsce_instance_t *ctx, u32 token)
{
    (void)ctx;
    return tfm_nsce_save_ctx(token);
}

u32 Z_nsce_demoZ_manage_nsid(struct Z_nsce_demo_instance_t *ctx)
{
    (void)ctx;
    return BULKHEAD_NS_MANAGE_NSID;
}

