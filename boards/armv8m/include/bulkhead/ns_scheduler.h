/* A small preemptive scheduler for the NS image (SysTick round robin), integrated with NSCE the
 * way TF-M's integration guide describes: init at kernel start, acquire at task creation, load
 * when a task is scheduled in, save when it is scheduled out, release when it ends. */
#ifndef BULKHEAD_NS_SCHEDULER_H
#define BULKHEAD_NS_SCHEDULER_H

#include <stdint.h>

struct ns_task {
    /* Kept by the scheduler (PendSV reads sp and exc_return at offsets 0 and 4). */
    uint32_t sp, exc_return, token;
    int32_t nsid;
    uint8_t tid, done;
    /* Given by the caller. */
    const char *name;
    uint8_t group; /* NSCE group: tasks of one group share a secure context */
    void (*entry)(void);
    uint8_t *stack;
    uint32_t stack_size;
};

/* Runs the tasks until every one has returned, switching every `tick` SysTick cycles, then
 * returns to the caller (thread mode) with the number of NSCE contexts the SPM granted. The
 * caller's own calls afterwards have no context loaded. `kernel_init` runs first in handler mode,
 * where NSCE may be called (the demo's bad-input checks). */
uint32_t ns_scheduler_run(struct ns_task *tasks, uint32_t count, uint32_t tick, void (*kernel_init)(void));

/* The running task, or NULL when the caller of ns_scheduler_run runs. */
struct ns_task *ns_current_task(void);

/* A stable NSID per task name (negative, never the SPM's default -1), so a task keeps its
 * client ID, and with it its assets, across reboots and updates. */
int32_t ns_nsid_of(const char *name);

#endif
