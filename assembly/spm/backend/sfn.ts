// SFN backend: one execution context. Delivering a message is a direct call of the service
// function; its return value is the reply.
import { PSA_MAX_IOVEC, PSA_MSG_SIZE, PSA_MSG_SLOT } from "../../psa/abi";
import { partitionMsgSlot, spmAddress } from "../memory";
import { IN_SIZE, OUT_SIZE, currentHandle, msgClientId, msgPartition, msgType, vecField } from "../message";
import { platform_mem_copy, platform_sfn_call } from "../platform";
import { serviceSfn } from "../services";

// psa_msg_t is assembled here, then copied into the partition's slot in one go.
const MSG_SCRATCH = memory.data(<i32>PSA_MSG_SIZE);

export function deliver(m: usize, service: u32): i32 {
  store<i32>(MSG_SCRATCH, msgType(m), 0);
  store<i32>(MSG_SCRATCH, currentHandle(), 4);
  store<i32>(MSG_SCRATCH, msgClientId(m), 8);
  store<u32>(MSG_SCRATCH, 0, 12);
  for (let i: u32 = 0; i < PSA_MAX_IOVEC; i++) {
    store<u32>(MSG_SCRATCH + 16 + (<usize>i << 2), vecField(m, IN_SIZE, i));
    store<u32>(MSG_SCRATCH + 32 + (<usize>i << 2), vecField(m, OUT_SIZE, i));
  }
  platform_mem_copy(partitionMsgSlot(msgPartition(m)), spmAddress(MSG_SCRATCH), PSA_MSG_SIZE);
  return platform_sfn_call(serviceSfn(service), PSA_MSG_SLOT);
}
