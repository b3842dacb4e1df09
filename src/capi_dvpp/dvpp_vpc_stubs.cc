// The Ascend310P-only VPC functions (pyramid, histogram, LUT equalisation, make-border): this
// device reports the Ascend310 profile, where they answer ACL_ERROR_FEATURE_UNSUPPORTED, as they
// do on a real 310 (dvpp-api.md §2: the V100 image processor returns 200006 for them).
#include "capi_dvpp/dvpp_api.h"

using openacl::Status;
using openacl::StatusCode;

namespace {

aclError NotOn310(const char* api) {
  return openacl::dvpp::Guard(api, [&]() -> Status {
    return Status(StatusCode::kFeatureUnsupported,
                  std::string(api) + " is an Ascend310P feature; this device reports the Ascend310 profile "
                                     "(aclrtGetSocName) and does not implement it");
  });
}

}  // namespace

extern "C" {

// ---- acldvppVpcBatchCropResizeMakeBorderAsync ----
aclError acldvppVpcBatchCropResizeMakeBorderAsync(acldvppChannelDesc*, acldvppBatchPicDesc*, uint32_t*, uint32_t,
                                                  acldvppBatchPicDesc*, acldvppRoiConfig*[], acldvppBorderConfig*[],
                                                  acldvppResizeConfig*, aclrtStream) {
  return NotOn310(__func__);
}

// ---- acldvppVpcPyrDownAsync ----
aclError acldvppVpcPyrDownAsync(acldvppChannelDesc*, acldvppPicDesc*, acldvppPicDesc*, void*, aclrtStream) {
  return NotOn310(__func__);
}

// ---- acldvppVpcEqualizeHistAsync ----
aclError acldvppVpcEqualizeHistAsync(const acldvppChannelDesc*, const acldvppPicDesc*, acldvppPicDesc*,
                                     const acldvppLutMap*, aclrtStream) {
  return NotOn310(__func__);
}

// ---- acldvppVpcMakeBorderAsync ----
aclError acldvppVpcMakeBorderAsync(const acldvppChannelDesc*, const acldvppPicDesc*, acldvppPicDesc*,
                                   const acldvppBorderConfig*, aclrtStream) {
  return NotOn310(__func__);
}

// ---- acldvppVpcCalcHistAsync ----
aclError acldvppVpcCalcHistAsync(acldvppChannelDesc*, acldvppPicDesc*, acldvppHist*, void*, aclrtStream) {
  return NotOn310(__func__);
}

}  // extern "C"
