// PSA status codes with TF-M's values (psa/error.h), shared by the SPM, partitions and clients.
export type psa_status_t = i32;

export const PSA_SUCCESS: psa_status_t = 0;
export const PSA_ERROR_PROGRAMMER_ERROR: psa_status_t = -129;
export const PSA_ERROR_CONNECTION_REFUSED: psa_status_t = -130;
export const PSA_ERROR_CONNECTION_BUSY: psa_status_t = -131;
export const PSA_ERROR_GENERIC_ERROR: psa_status_t = -132;
export const PSA_ERROR_NOT_PERMITTED: psa_status_t = -133;
export const PSA_ERROR_NOT_SUPPORTED: psa_status_t = -134;
export const PSA_ERROR_INVALID_ARGUMENT: psa_status_t = -135;
export const PSA_ERROR_INVALID_HANDLE: psa_status_t = -136;
export const PSA_ERROR_BAD_STATE: psa_status_t = -137;
export const PSA_ERROR_BUFFER_TOO_SMALL: psa_status_t = -138;
export const PSA_ERROR_ALREADY_EXISTS: psa_status_t = -139;
export const PSA_ERROR_DOES_NOT_EXIST: psa_status_t = -140;
export const PSA_ERROR_INSUFFICIENT_MEMORY: psa_status_t = -141;
export const PSA_ERROR_INSUFFICIENT_STORAGE: psa_status_t = -142;
export const PSA_ERROR_INSUFFICIENT_DATA: psa_status_t = -143;
export const PSA_ERROR_SERVICE_FAILURE: psa_status_t = -144;
export const PSA_ERROR_COMMUNICATION_FAILURE: psa_status_t = -145;
export const PSA_ERROR_STORAGE_FAILURE: psa_status_t = -146;
export const PSA_ERROR_HARDWARE_FAILURE: psa_status_t = -147;
export const PSA_ERROR_INVALID_SIGNATURE: psa_status_t = -149;
