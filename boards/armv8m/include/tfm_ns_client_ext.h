/* Non-secure Client Extension (TF-M NSCE), as an NS scheduler calls it: from NS handler mode
 * only, at the points of the task life cycle the NSCE integration guide names (init at kernel
 * start, acquire at task creation, load when a task is scheduled in, save when it is scheduled out,
 * release when it ends). The values match TF-M's tfm_ns_client_ext.h. */
#ifndef TFM_NS_CLIENT_EXT_H
#define TFM_NS_CLIENT_EXT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TFM_NS_CLIENT_INVALID_TOKEN 0xFFFFFFFFu

#define TFM_NS_CLIENT_ERR_SUCCESS 0x0u
#define TFM_NS_CLIENT_ERR_INVALID_TOKEN 0x1u
#define TFM_NS_CLIENT_ERR_INVALID_NSID 0x2u
#define TFM_NS_CLIENT_ERR_INVALID_ACCESS 0x3u

/* Returns how many contexts the NS side may use (ctx_requested 0: all there are), 0 on error. */
uint32_t tfm_nsce_init(uint32_t ctx_requested);
/* The group's context (one per group, shared by its threads): a token, or
 * TFM_NS_CLIENT_INVALID_TOKEN when no slot is free. */
uint32_t tfm_nsce_acquire_ctx(uint8_t group_id, uint8_t thread_id);
/* The slot returns to the pool when the last thread of its group releases it. */
uint32_t tfm_nsce_release_ctx(uint32_t token);
/* The NS side's next secure calls are the token's, with client ID nsid (negative) when the SPM
 * lets NSCE manage NSIDs (--ns-manage-nsid). */
uint32_t tfm_nsce_load_ctx(uint32_t token, int32_t nsid);
/* No secure call is accepted after this until the next load. */
uint32_t tfm_nsce_save_ctx(uint32_t token);

#ifdef __cplusplus
}
#endif

#endif
