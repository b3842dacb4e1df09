// Video channels and frames (VDEC / VENC): not implemented yet (no H.264/H.265 codec in this
// build). Each answers ACL_ERROR_FEATURE_UNSUPPORTED with a message, so apps that link them build.
#include "capi_dvpp/dvpp_api.h"

using openacl::Status;
using openacl::StatusCode;

namespace {

aclError NoVideoCodec(const char* api) {
  return openacl::dvpp::Guard(api, [&]() -> Status {
    return Status(StatusCode::kFeatureUnsupported,
                  std::string(api) + ": video decoding/encoding (VDEC/VENC) is not implemented in openacl yet; "
                                     "the image functions (JPEGD/JPEGE/PNGD/VPC) are");
  });
}

}  // namespace

extern "C" {

// ---- aclvdecCreateChannel ----
aclError aclvdecCreateChannel(aclvdecChannelDesc*) { return NoVideoCodec(__func__); }

// ---- aclvdecDestroyChannel ----
aclError aclvdecDestroyChannel(aclvdecChannelDesc*) { return NoVideoCodec(__func__); }

// ---- aclvdecSendFrame ----
aclError aclvdecSendFrame(aclvdecChannelDesc*, acldvppStreamDesc*, acldvppPicDesc*, aclvdecFrameConfig*, void*) {
  return NoVideoCodec(__func__);
}

// ---- aclvdecSendSkippedFrame ----
aclError aclvdecSendSkippedFrame(aclvdecChannelDesc*, acldvppStreamDesc*, aclvdecFrameConfig*, void*) {
  return NoVideoCodec(__func__);
}

// ---- aclvencCreateChannel ----
aclError aclvencCreateChannel(aclvencChannelDesc*) { return NoVideoCodec(__func__); }

// ---- aclvencDestroyChannel ----
aclError aclvencDestroyChannel(aclvencChannelDesc*) { return NoVideoCodec(__func__); }

// ---- aclvencSendFrame ----
aclError aclvencSendFrame(aclvencChannelDesc*, acldvppPicDesc*, void*, aclvencFrameConfig*, void*) {
  return NoVideoCodec(__func__);
}

}  // extern "C"
