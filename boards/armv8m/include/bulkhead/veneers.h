/* The secure image's non-secure callable entry points. The NS image links against the import
 * library the secure link produces (veneers.o); psa/client.h is implemented on top of these. */
#ifndef BULKHEAD_VENEERS_H
#define BULKHEAD_VENEERS_H

#include <stddef.h>
#include <stdint.h>
#include "psa/client.h"

#include "bulkhead_abi/facts.h"

/* TF-M's packing of psa_call's type, in_len and out_len into one register (bulkhead_abi/facts.h). */
#define BULKHEAD_CALL_PACK(type, in_len, out_len) bulkhead_call_pack((int32_t)(type), (uint32_t)(in_len), (uint32_t)(out_len))

uint32_t tfm_psa_framework_version_veneer(void);
uint32_t tfm_psa_version_veneer(uint32_t sid);
psa_handle_t tfm_psa_connect_veneer(uint32_t sid, uint32_t version);
void tfm_psa_close_veneer(psa_handle_t handle);
psa_status_t tfm_psa_call_veneer(psa_handle_t handle, uint32_t ctrl_param,
                                 const psa_invec *in_vec, psa_outvec *out_vec);
/* The board console, for the NS side: the secure image owns the UART. */
void bulkhead_ns_console_write_veneer(const char *buf, size_t len);

#endif
