/* Fault containment between the fault handlers (faults.c) and the backend that knows whose
 * code was running (backend_sfn.c / backend_ipc.c). */
#ifndef BULKHEAD_FAULTS_H
#define BULKHEAD_FAULTS_H

#include <stdint.h>
/* enum fault_kind: the fault kinds the SPM is told of (host/abi.ts); the watchdog's expiry is
 * delivered to the partition the same way (watchdog.c). */
#include "bulkhead_abi/facts.h"

/* Whether the exception with this EXC_RETURN interrupted a partition's own code (not the SPM,
 * not NS code, not a FLIH): the only context the watchdog charges. */
uint32_t bulkhead_partition_code_interrupted(uint32_t exc_return);

/* When the fault was raised by partition code, arranges for the faulting context to resume in
 * bulkhead_partition_fault(kind, address, status) and returns the EXC_RETURN that gets there;
 * returns 0 when the fault is not a partition's. */
uint32_t bulkhead_partition_fault_resume(uint32_t exc_return, uint32_t *frame, uint32_t kind, uint32_t address, uint32_t status);

#define EXC_RETURN_THREAD_MODE (1u << 3)
#define EXC_RETURN_SECURE_STACK (1u << 6)

/* Points an exception frame at bulkhead_partition_fault(kind, address, status). Its exception
 * number is 0 for a return to thread mode (a frame the hardware could not push on a stack
 * overflow holds garbage there), else the frame's own, so that a FLIH returns to handler mode. */
void bulkhead_fault_frame(uint32_t *frame, uint32_t exc_return, uint32_t kind, uint32_t address, uint32_t status);

#endif
