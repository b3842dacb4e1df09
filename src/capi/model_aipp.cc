// aclmdlCreateAIPP / aclmdlDestroyAIPP and the aclmdlSetAIPP* setters: a dynamic-AIPP parameter
// set in AscendCL's buffer layout (one header, one record per batch image), with the setters'
// range checks. aclmdlSetInputAIPP (model_aipp_query.cc) validates it against the model and
// copies it into the ascend_dynamic_aipp_data input.
#include <cmath>
#include <string>

#include "acl/acl_mdl.h"
#include "capi/model_aipp.h"
#include "ir/dtype.h"

using openacl::Result;
using openacl::Status;
namespace capi = openacl::capi;
namespace aipp = openacl::aipp;

namespace openacl::capi {
LiveSet<aclmdlAIPP>& AippRegistry() {
  static auto* s = new LiveSet<aclmdlAIPP>();
  return *s;
}
}  // namespace openacl::capi

namespace {

constexpr uint64_t kMaxAippBatch = 127;  // DynamicHeader::batch_num is an int8

Status CheckSet(const aclmdlAIPP* set) {
  return capi::AippRegistry().Check(set, "aippParmsSet", "aclmdlAIPP");
}

Status InRange(const char* name, int64_t v, int64_t lo, int64_t hi) {
  if (v < lo || v > hi)
    return openacl::InvalidParam(std::string(name) + " " + std::to_string(v) + " is outside [" +
                                 std::to_string(lo) + ", " + std::to_string(hi) + "]");
  return Status::Ok();
}

Status CheckSwitch(const char* name, int8_t v) { return InRange(name, v, 0, 1); }

// The batch record `batchIndex` of a live set.
Result<aipp::DynamicBatch*> Batch(aclmdlAIPP* set, uint64_t batchIndex) {
  RETURN_IF_ERROR(CheckSet(set));
  if (batchIndex >= set->batches.size())
    return openacl::InvalidParam("batchIndex " + std::to_string(batchIndex) +
                                 " is not below the set's batch size " +
                                 std::to_string(set->batches.size()));
  return &set->batches[batchIndex];
}

template <typename Fn>
aclError SetBatch(const char* api, aclmdlAIPP* set, uint64_t batchIndex, Fn&& fn) {
  return capi::Guard(api, [&]() -> Status {
    ASSIGN_OR_RETURN(aipp::DynamicBatch * b, Batch(set, batchIndex));
    return fn(*b);
  });
}

template <typename Fn>
aclError SetHeader(const char* api, aclmdlAIPP* set, Fn&& fn) {
  return capi::Guard(api, [&]() -> Status {
    RETURN_IF_ERROR(CheckSet(set));
    return fn(set->header);
  });
}

}  // namespace

aclmdlAIPP* aclmdlCreateAIPP(uint64_t batchSize) {
  return capi::GuardValue(__func__, static_cast<aclmdlAIPP*>(nullptr),
                          [&]() -> Result<aclmdlAIPP*> {
                            RETURN_IF_ERROR(InRange("batchSize", static_cast<int64_t>(batchSize),
                                                    1, kMaxAippBatch));
                            auto* set = new aclmdlAIPP();
                            set->batch_size = batchSize;
                            set->header.batch_num = static_cast<int8_t>(batchSize);
                            set->batches.resize(batchSize);
                            for (auto& b : set->batches)
                              for (auto& v : b.dtc_pixel_var_reci) v = openacl::FloatToHalf(1.0f);
                            return capi::AippRegistry().Add(set);
                          });
}

aclError aclmdlDestroyAIPP(const aclmdlAIPP* aippParmsSet) {
  return capi::Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(CheckSet(aippParmsSet));
    capi::AippRegistry().Destroy(aippParmsSet);
    return Status::Ok();
  });
}

aclError aclmdlGetAippDataSize(uint64_t batchSize, size_t* size) {
  return capi::Guard(__func__, [&]() -> Status {
    CHECK_OR_RETURN(size != nullptr, kInvalidParam, "size is null");
    RETURN_IF_ERROR(InRange("batchSize", static_cast<int64_t>(batchSize), 1, kMaxAippBatch));
    *size = aipp::DynamicDataSize(batchSize);
    return Status::Ok();
  });
}

aclError aclmdlSetAIPPInputFormat(aclmdlAIPP* aippParmsSet, aclAippInputFormat inputFormat) {
  return SetHeader(__func__, aippParmsSet, [&](aipp::DynamicHeader& h) -> Status {
    auto f = aipp::FormatFromAcl(static_cast<int64_t>(inputFormat));
    if (!f)
      return openacl::InvalidParam("inputFormat " + std::to_string(inputFormat) +
                                   " is not a supported aclAippInputFormat (YUV420SP_U8, "
                                   "XRGB8888_U8, RGB888_U8, YUV400_U8, ARGB8888_U8, YUYV_U8, "
                                   "YUV422SP_U8, AYUV444_U8)");
    h.input_format = static_cast<uint8_t>(aipp::CceFromAcl(*f));
    return Status::Ok();
  });
}

aclError aclmdlSetAIPPCscParams(aclmdlAIPP* aippParmsSet, int8_t cscSwitch, int16_t cscMatrixR0C0,
                                int16_t cscMatrixR0C1, int16_t cscMatrixR0C2, int16_t cscMatrixR1C0,
                                int16_t cscMatrixR1C1, int16_t cscMatrixR1C2, int16_t cscMatrixR2C0,
                                int16_t cscMatrixR2C1, int16_t cscMatrixR2C2,
                                uint8_t cscOutputBiasR0, uint8_t cscOutputBiasR1,
                                uint8_t cscOutputBiasR2, uint8_t cscInputBiasR0,
                                uint8_t cscInputBiasR1, uint8_t cscInputBiasR2) {
  return SetHeader(__func__, aippParmsSet, [&](aipp::DynamicHeader& h) -> Status {
    RETURN_IF_ERROR(CheckSwitch("cscSwitch", cscSwitch));
    h.csc_switch = cscSwitch;
    if (!cscSwitch) return Status::Ok();
    const int16_t m[9] = {cscMatrixR0C0, cscMatrixR0C1, cscMatrixR0C2, cscMatrixR1C0, cscMatrixR1C1,
                          cscMatrixR1C2, cscMatrixR2C0, cscMatrixR2C1, cscMatrixR2C2};
    for (int i = 0; i < 9; ++i) {
      std::string name = "cscMatrixR" + std::to_string(i / 3) + "C" + std::to_string(i % 3);
      RETURN_IF_ERROR(InRange(name.c_str(), m[i], -32677, 32676));
    }
    for (int i = 0; i < 9; ++i) h.csc_matrix[i] = m[i];
    const uint8_t ob[3] = {cscOutputBiasR0, cscOutputBiasR1, cscOutputBiasR2};
    const uint8_t ib[3] = {cscInputBiasR0, cscInputBiasR1, cscInputBiasR2};
    for (int i = 0; i < 3; ++i) h.csc_output_bias[i] = ob[i], h.csc_input_bias[i] = ib[i];
    return Status::Ok();
  });
}

aclError aclmdlSetAIPPRbuvSwapSwitch(aclmdlAIPP* aippParmsSet, int8_t rbuvSwapSwitch) {
  return SetHeader(__func__, aippParmsSet, [&](aipp::DynamicHeader& h) -> Status {
    RETURN_IF_ERROR(CheckSwitch("rbuvSwapSwitch", rbuvSwapSwitch));
    h.rbuv_swap_switch = rbuvSwapSwitch;
    return Status::Ok();
  });
}

aclError aclmdlSetAIPPAxSwapSwitch(aclmdlAIPP* aippParmsSet, int8_t axSwapSwitch) {
  return SetHeader(__func__, aippParmsSet, [&](aipp::DynamicHeader& h) -> Status {
    RETURN_IF_ERROR(CheckSwitch("axSwapSwitch", axSwapSwitch));
    h.ax_swap_switch = axSwapSwitch;
    return Status::Ok();
  });
}

aclError aclmdlSetAIPPSrcImageSize(aclmdlAIPP* aippParmsSet, int32_t srcImageSizeW,
                                   int32_t srcImageSizeH) {
  return SetHeader(__func__, aippParmsSet, [&](aipp::DynamicHeader& h) -> Status {
    RETURN_IF_ERROR(InRange("srcImageSizeW", srcImageSizeW, 2, 4096));
    RETURN_IF_ERROR(InRange("srcImageSizeH", srcImageSizeH, 1, 4096));
    h.src_image_size_w = srcImageSizeW;
    h.src_image_size_h = srcImageSizeH;
    return Status::Ok();
  });
}

aclError aclmdlSetAIPPScfParams(aclmdlAIPP* aippParmsSet, int8_t scfSwitch, int32_t scfInputSizeW,
                                int32_t scfInputSizeH, int32_t scfOutputSizeW,
                                int32_t scfOutputSizeH, uint64_t batchIndex) {
  return SetBatch(__func__, aippParmsSet, batchIndex, [&](aipp::DynamicBatch& b) -> Status {
    RETURN_IF_ERROR(CheckSwitch("scfSwitch", scfSwitch));
    b.scf_switch = scfSwitch;
    if (!scfSwitch) return Status::Ok();
    RETURN_IF_ERROR(InRange("scfInputSizeW", scfInputSizeW, 16, 4096));
    RETURN_IF_ERROR(InRange("scfInputSizeH", scfInputSizeH, 16, 4096));
    RETURN_IF_ERROR(InRange("scfOutputSizeW", scfOutputSizeW, 16, 1920));
    RETURN_IF_ERROR(InRange("scfOutputSizeH", scfOutputSizeH, 16, 4096));
    b.scf_input_size_w = scfInputSizeW;
    b.scf_input_size_h = scfInputSizeH;
    b.scf_output_size_w = scfOutputSizeW;
    b.scf_output_size_h = scfOutputSizeH;
    return Status::Ok();
  });
}

aclError aclmdlSetAIPPCropParams(aclmdlAIPP* aippParmsSet, int8_t cropSwitch, int32_t cropStartPosW,
                                 int32_t cropStartPosH, int32_t cropSizeW, int32_t cropSizeH,
                                 uint64_t batchIndex) {
  return SetBatch(__func__, aippParmsSet, batchIndex, [&](aipp::DynamicBatch& b) -> Status {
    RETURN_IF_ERROR(CheckSwitch("cropSwitch", cropSwitch));
    b.crop_switch = cropSwitch;
    if (!cropSwitch) return Status::Ok();
    RETURN_IF_ERROR(InRange("cropStartPosW", cropStartPosW, 0, 4095));
    RETURN_IF_ERROR(InRange("cropStartPosH", cropStartPosH, 0, 4095));
    RETURN_IF_ERROR(InRange("cropSizeW", cropSizeW, 1, 4096));
    RETURN_IF_ERROR(InRange("cropSizeH", cropSizeH, 1, 4096));
    b.crop_start_pos_w = cropStartPosW;
    b.crop_start_pos_h = cropStartPosH;
    b.crop_size_w = cropSizeW;
    b.crop_size_h = cropSizeH;
    return Status::Ok();
  });
}

aclError aclmdlSetAIPPPaddingParams(aclmdlAIPP* aippParmsSet, int8_t paddingSwitch,
                                    int32_t paddingSizeTop, int32_t paddingSizeBottom,
                                    int32_t paddingSizeLeft, int32_t paddingSizeRight,
                                    uint64_t batchIndex) {
  return SetBatch(__func__, aippParmsSet, batchIndex, [&](aipp::DynamicBatch& b) -> Status {
    RETURN_IF_ERROR(CheckSwitch("paddingSwitch", paddingSwitch));
    b.padding_switch = paddingSwitch;
    if (!paddingSwitch) return Status::Ok();
    RETURN_IF_ERROR(InRange("paddingSizeTop", paddingSizeTop, 0, 32));
    RETURN_IF_ERROR(InRange("paddingSizeBottom", paddingSizeBottom, 0, 32));
    RETURN_IF_ERROR(InRange("paddingSizeLeft", paddingSizeLeft, 0, 32));
    RETURN_IF_ERROR(InRange("paddingSizeRight", paddingSizeRight, 0, 32));
    b.padding_size_top = paddingSizeTop;
    b.padding_size_bottom = paddingSizeBottom;
    b.padding_size_left = paddingSizeLeft;
    b.padding_size_right = paddingSizeRight;
    return Status::Ok();
  });
}

aclError aclmdlSetAIPPDtcPixelMean(aclmdlAIPP* aippParmsSet, int16_t dtcPixelMeanChn0,
                                   int16_t dtcPixelMeanChn1, int16_t dtcPixelMeanChn2,
                                   int16_t dtcPixelMeanChn3, uint64_t batchIndex) {
  return SetBatch(__func__, aippParmsSet, batchIndex, [&](aipp::DynamicBatch& b) -> Status {
    const int16_t m[4] = {dtcPixelMeanChn0, dtcPixelMeanChn1, dtcPixelMeanChn2, dtcPixelMeanChn3};
    for (int i = 0; i < 4; ++i) {
      std::string name = "dtcPixelMeanChn" + std::to_string(i);
      RETURN_IF_ERROR(InRange(name.c_str(), m[i], 0, 255));
    }
    for (int i = 0; i < 4; ++i) b.dtc_pixel_mean[i] = m[i];
    return Status::Ok();
  });
}

namespace {
Status FloatsInRange(const char* base, const float v[4], float lo, float hi) {
  for (int i = 0; i < 4; ++i)
    if (!(v[i] >= lo && v[i] <= hi))
      return openacl::InvalidParam(std::string(base) + std::to_string(i) + " " +
                                   std::to_string(v[i]) + " is outside [" + std::to_string(lo) +
                                   ", " + std::to_string(hi) + "]");
  return Status::Ok();
}
}  // namespace

aclError aclmdlSetAIPPDtcPixelMin(aclmdlAIPP* aippParmsSet, float dtcPixelMinChn0,
                                  float dtcPixelMinChn1, float dtcPixelMinChn2,
                                  float dtcPixelMinChn3, uint64_t batchIndex) {
  return SetBatch(__func__, aippParmsSet, batchIndex, [&](aipp::DynamicBatch& b) -> Status {
    const float v[4] = {dtcPixelMinChn0, dtcPixelMinChn1, dtcPixelMinChn2, dtcPixelMinChn3};
    RETURN_IF_ERROR(FloatsInRange("dtcPixelMinChn", v, 0.0f, 255.0f));
    for (int i = 0; i < 4; ++i) b.dtc_pixel_min[i] = openacl::FloatToHalf(v[i]);
    return Status::Ok();
  });
}

aclError aclmdlSetAIPPPixelVarReci(aclmdlAIPP* aippParmsSet, float dtcPixelVarReciChn0,
                                   float dtcPixelVarReciChn1, float dtcPixelVarReciChn2,
                                   float dtcPixelVarReciChn3, uint64_t batchIndex) {
  return SetBatch(__func__, aippParmsSet, batchIndex, [&](aipp::DynamicBatch& b) -> Status {
    const float v[4] = {dtcPixelVarReciChn0, dtcPixelVarReciChn1, dtcPixelVarReciChn2,
                        dtcPixelVarReciChn3};
    RETURN_IF_ERROR(FloatsInRange("dtcPixelVarReciChn", v, -65504.0f, 65504.0f));
    for (int i = 0; i < 4; ++i) b.dtc_pixel_var_reci[i] = openacl::FloatToHalf(v[i]);
    return Status::Ok();
  });
}
