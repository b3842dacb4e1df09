// aclmdl* stubs (the model API is written by the lead in capi/model_*.cc).
// Temporary stubs: each returns ACL_ERROR_API_NOT_SUPPORT (or NULL/0) and sets
// aclGetRecentErrMsg. Delete a stub (its whole line group) when the real function lands.
#include "acl/acl.h"
#include "acl/acl_op_compiler.h"
#include "capi/guard.h"

namespace {
openacl::Status NotYet(const char* api) {
  return openacl::Status(openacl::StatusCode::kApiNotSupport,
                         std::string(api) + " is not implemented in openacl yet");
}
}  // namespace

extern "C" {

// ---- aclmdlLoadFromFileWithQ ----
aclError aclmdlLoadFromFileWithQ(const char* modelPath, uint32_t* modelId, const uint32_t* inputQ,
                                 size_t inputQNum, const uint32_t* outputQ, size_t outputQNum) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclmdlLoadFromFileWithQ"); });
}

// ---- aclmdlLoadFromMemWithQ ----
aclError aclmdlLoadFromMemWithQ(const void* model, size_t modelSize, uint32_t* modelId,
                                const uint32_t* inputQ, size_t inputQNum, const uint32_t* outputQ,
                                size_t outputQNum) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclmdlLoadFromMemWithQ"); });
}

// ---- aclmdlCreateAIPP ----
aclmdlAIPP* aclmdlCreateAIPP(uint64_t batchSize) {
  openacl::capi::ReportError(__func__, NotYet("aclmdlCreateAIPP"));
  return nullptr;
}

// ---- aclmdlDestroyAIPP ----
aclError aclmdlDestroyAIPP(const aclmdlAIPP* aippParmsSet) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclmdlDestroyAIPP"); });
}

// ---- aclmdlGetAippDataSize ----
aclError aclmdlGetAippDataSize(uint64_t batchSize, size_t* size) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclmdlGetAippDataSize"); });
}

// ---- aclmdlSetAIPPInputFormat ----
aclError aclmdlSetAIPPInputFormat(aclmdlAIPP* aippParmsSet, aclAippInputFormat inputFormat) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclmdlSetAIPPInputFormat"); });
}

// ---- aclmdlSetAIPPCscParams ----
aclError aclmdlSetAIPPCscParams(aclmdlAIPP* aippParmsSet, int8_t cscSwitch, int16_t cscMatrixR0C0,
                                int16_t cscMatrixR0C1, int16_t cscMatrixR0C2, int16_t cscMatrixR1C0,
                                int16_t cscMatrixR1C1, int16_t cscMatrixR1C2, int16_t cscMatrixR2C0,
                                int16_t cscMatrixR2C1, int16_t cscMatrixR2C2,
                                uint8_t cscOutputBiasR0, uint8_t cscOutputBiasR1,
                                uint8_t cscOutputBiasR2, uint8_t cscInputBiasR0,
                                uint8_t cscInputBiasR1, uint8_t cscInputBiasR2) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclmdlSetAIPPCscParams"); });
}

// ---- aclmdlSetAIPPRbuvSwapSwitch ----
aclError aclmdlSetAIPPRbuvSwapSwitch(aclmdlAIPP* aippParmsSet, int8_t rbuvSwapSwitch) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclmdlSetAIPPRbuvSwapSwitch"); });
}

// ---- aclmdlSetAIPPAxSwapSwitch ----
aclError aclmdlSetAIPPAxSwapSwitch(aclmdlAIPP* aippParmsSet, int8_t axSwapSwitch) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclmdlSetAIPPAxSwapSwitch"); });
}

// ---- aclmdlSetAIPPSrcImageSize ----
aclError aclmdlSetAIPPSrcImageSize(aclmdlAIPP* aippParmsSet, int32_t srcImageSizeW,
                                   int32_t srcImageSizeH) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclmdlSetAIPPSrcImageSize"); });
}

// ---- aclmdlSetAIPPScfParams ----
aclError aclmdlSetAIPPScfParams(aclmdlAIPP* aippParmsSet, int8_t scfSwitch, int32_t scfInputSizeW,
                                int32_t scfInputSizeH, int32_t scfOutputSizeW,
                                int32_t scfOutputSizeH, uint64_t batchIndex) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclmdlSetAIPPScfParams"); });
}

// ---- aclmdlSetAIPPCropParams ----
aclError aclmdlSetAIPPCropParams(aclmdlAIPP* aippParmsSet, int8_t cropSwitch, int32_t cropStartPosW,
                                 int32_t cropStartPosH, int32_t cropSizeW, int32_t cropSizeH,
                                 uint64_t batchIndex) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclmdlSetAIPPCropParams"); });
}

// ---- aclmdlSetAIPPPaddingParams ----
aclError aclmdlSetAIPPPaddingParams(aclmdlAIPP* aippParmsSet, int8_t paddingSwitch,
                                    int32_t paddingSizeTop, int32_t paddingSizeBottom,
                                    int32_t paddingSizeLeft, int32_t paddingSizeRight,
                                    uint64_t batchIndex) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclmdlSetAIPPPaddingParams"); });
}

// ---- aclmdlSetAIPPDtcPixelMean ----
aclError aclmdlSetAIPPDtcPixelMean(aclmdlAIPP* aippParmsSet, int16_t dtcPixelMeanChn0,
                                   int16_t dtcPixelMeanChn1, int16_t dtcPixelMeanChn2,
                                   int16_t dtcPixelMeanChn3, uint64_t batchIndex) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclmdlSetAIPPDtcPixelMean"); });
}

// ---- aclmdlSetAIPPDtcPixelMin ----
aclError aclmdlSetAIPPDtcPixelMin(aclmdlAIPP* aippParmsSet, float dtcPixelMinChn0,
                                  float dtcPixelMinChn1, float dtcPixelMinChn2,
                                  float dtcPixelMinChn3, uint64_t batchIndex) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclmdlSetAIPPDtcPixelMin"); });
}

// ---- aclmdlSetAIPPPixelVarReci ----
aclError aclmdlSetAIPPPixelVarReci(aclmdlAIPP* aippParmsSet, float dtcPixelVarReciChn0,
                                   float dtcPixelVarReciChn1, float dtcPixelVarReciChn2,
                                   float dtcPixelVarReciChn3, uint64_t batchIndex) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclmdlSetAIPPPixelVarReci"); });
}

// ---- aclmdlSetInputAIPP ----
aclError aclmdlSetInputAIPP(uint32_t modelId, aclmdlDataset* dataset, size_t index,
                            const aclmdlAIPP* aippParmsSet) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclmdlSetInputAIPP"); });
}

// ---- aclmdlSetAIPPByInputIndex ----
aclError aclmdlSetAIPPByInputIndex(uint32_t modelId, aclmdlDataset* dataset, size_t index,
                                   const aclmdlAIPP* aippParmsSet) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclmdlSetAIPPByInputIndex"); });
}

// ---- aclmdlGetAippType ----
aclError aclmdlGetAippType(uint32_t modelId, size_t index, aclmdlInputAippType* type,
                           size_t* dynamicAttachedDataIndex) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclmdlGetAippType"); });
}

// ---- aclmdlGetFirstAippInfo ----
aclError aclmdlGetFirstAippInfo(uint32_t modelId, size_t index, aclAippInfo* aippInfo) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclmdlGetFirstAippInfo"); });
}

}  // extern "C"
