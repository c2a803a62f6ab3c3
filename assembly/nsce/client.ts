// NSCE for NS code written in AssemblyScript (the C header is tfm_ns_client_ext.h; the values
// are TF-M's). NSCE is for an NS scheduler's handler-mode code: called from thread mode, as a Wasm
// NS application is, every function returns its error value.
export const TFM_NS_CLIENT_INVALID_TOKEN: u32 = 0xffffffff;
export const TFM_NS_CLIENT_ERR_SUCCESS: u32 = 0;
export const TFM_NS_CLIENT_ERR_INVALID_TOKEN: u32 = 1;
export const TFM_NS_CLIENT_ERR_INVALID_NSID: u32 = 2;
export const TFM_NS_CLIENT_ERR_INVALID_ACCESS: u32 = 3;

@external("nsce", "tfm_nsce_init") export declare function tfm_nsce_init(ctx_requested: u32): u32;
@external("nsce", "tfm_nsce_acquire_ctx") export declare function tfm_nsce_acquire_ctx(group_id: u8, thread_id: u8): u32;
@external("nsce", "tfm_nsce_release_ctx") export declare function tfm_nsce_release_ctx(token: u32): u32;
@external("nsce", "tfm_nsce_load_ctx") export declare function tfm_nsce_load_ctx(token: u32, nsid: i32): u32;
@external("nsce", "tfm_nsce_save_ctx") export declare function tfm_nsce_save_ctx(token: u32): u32;
