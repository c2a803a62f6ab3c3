// Internal Trusted Storage partition (PSA-RoT): the PSA Secure Storage API's psa_its_* calls on
// an object store in the board's ITS flash (store.ts). Objects belong to the client ID that wrote
// them, so one client never sees, lists or removes another's: an NS task by the NSID NSCE loaded
// (when the build manages NSIDs), a secure partition by its partition ID.
import { TFM_PERIPHERAL_ITS_FLASH_BASE, TFM_PERIPHERAL_ITS_FLASH_SIZE } from "psa_manifest/tfm_sp_its";
import { flashAttach } from "bulkhead/lib/flash";
import { readExact } from "bulkhead/lib/invec";
import {
  PSA_ERROR_DOES_NOT_EXIST, PSA_ERROR_INVALID_ARGUMENT, PSA_ERROR_NOT_SUPPORTED, PSA_ERROR_PROGRAMMER_ERROR,
  PSA_SUCCESS, psa_msg_t, psa_read, psa_status_t, psa_write,
} from "bulkhead/psa/service";
import {
  ITS_MAX_ASSET_SIZE, PSA_STORAGE_FLAG_NO_CONFIDENTIALITY, PSA_STORAGE_FLAG_NO_REPLAY_PROTECTION,
  PSA_STORAGE_FLAG_WRITE_ONCE, TFM_ITS_GET, TFM_ITS_GET_INFO, TFM_ITS_REMOVE, TFM_ITS_SET, psa_storage_info_t,
} from "bulkhead/psa/storage_common";
import { NOT_FOUND, entryFlags, entryLength, find, mount, read, remove, set } from "./store";

// Flash pages are erased whole; the MPS boards' emulated flash uses 2 KiB, as their SSE-200 eFlash.
const FLASH_PAGE_SIZE: u32 = 0x800;
// The two flags that only relax what the store must do are accepted; any other is not supported.
const SUPPORTED_FLAGS = PSA_STORAGE_FLAG_WRITE_ONCE | PSA_STORAGE_FLAG_NO_CONFIDENTIALITY | PSA_STORAGE_FLAG_NO_REPLAY_PROTECTION;

const buffer = memory.data(<i32>ITS_MAX_ASSET_SIZE);
const word = memory.data(8);
const info = memory.data(offsetof<psa_storage_info_t>());
let mounted: psa_status_t = PSA_SUCCESS;

export function tfm_its_init(): psa_status_t {
  flashAttach(TFM_PERIPHERAL_ITS_FLASH_BASE, TFM_PERIPHERAL_ITS_FLASH_SIZE, FLASH_PAGE_SIZE);
  mounted = mount();
  return PSA_SUCCESS;
}

export function tfm_internal_trusted_storage_service_sfn(msg: psa_msg_t): psa_status_t {
  // A request the client library never makes: the client called psa_call by hand, wrongly.
  if (!readExact(msg, 0, word, 8)) return PSA_ERROR_PROGRAMMER_ERROR;
  const uid = load<u64>(word);
  if (uid == 0) return PSA_ERROR_INVALID_ARGUMENT;
  if (mounted != PSA_SUCCESS) return mounted;
  const owner = msg.client_id;
  switch (msg.type) {
    case TFM_ITS_SET: {
      const length = <u32>msg.in_size(1);
      if (!readExact(msg, 2, word, 4)) return PSA_ERROR_PROGRAMMER_ERROR;
      const flags = load<u32>(word);
      if (flags & ~SUPPORTED_FLAGS) return PSA_ERROR_NOT_SUPPORTED;
      if (length > ITS_MAX_ASSET_SIZE) return PSA_ERROR_INVALID_ARGUMENT;
      if (psa_read(msg.handle, 1, buffer, length) != length) return PSA_ERROR_PROGRAMMER_ERROR;
      return set(owner, uid, buffer, length, flags);
    }
    case TFM_ITS_GET: {
      if (!readExact(msg, 1, word, 4)) return PSA_ERROR_PROGRAMMER_ERROR;
      const offset = load<u32>(word);
      const i = find(owner, uid);
      if (i == NOT_FOUND) return PSA_ERROR_DOES_NOT_EXIST;
      // PSA Storage API 1.0, psa_its_get: "retrieves up to data_size bytes" from data_offset on;
      // only an offset past the object's end is INVALID_ARGUMENT (offset == size gives 0 bytes).
      if (offset > entryLength(i)) return PSA_ERROR_INVALID_ARGUMENT;
      const rest = entryLength(i) - offset;
      const room = <u32>msg.out_size(0);
      const size = room < rest ? room : rest;
      read(i, offset, buffer, size);
      psa_write(msg.handle, 0, buffer, size);
      return PSA_SUCCESS;
    }
    case TFM_ITS_GET_INFO: {
      const i = find(owner, uid);
      if (i == NOT_FOUND) return PSA_ERROR_DOES_NOT_EXIST;
      if (msg.out_size(0) != offsetof<psa_storage_info_t>()) return PSA_ERROR_PROGRAMMER_ERROR;
      const out = changetype<psa_storage_info_t>(info);
      out.capacity = entryLength(i);
      out.size = entryLength(i);
      out.flags = entryFlags(i);
      psa_write(msg.handle, 0, info, offsetof<psa_storage_info_t>());
      return PSA_SUCCESS;
    }
    case TFM_ITS_REMOVE:
      return remove(owner, uid);
  }
  return PSA_ERROR_PROGRAMMER_ERROR;
}
