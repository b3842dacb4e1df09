// capi_dvpp's side of the bridge: Status-returning wrappers over capi/dvpp_bridge.h.
#include <memory>

#include "capi/dvpp_bridge.h"
#include "capi_dvpp/dvpp_api.h"

namespace openacl::dvpp {
namespace {

Status FromBridge(int code, const char* message) {
  if (code == 0) return Status::Ok();
  return Status(static_cast<StatusCode>(code), message ? message : "DVPP device call failed");
}

int RunTask(void* user, const char** message) {
  thread_local std::string last;
  Status st;
  try {
    st = (*static_cast<std::function<Status()>*>(user))();
  } catch (const std::bad_alloc&) {
    st = Status(StatusCode::kBadAlloc, "out of host memory");
  } catch (...) {
    st = Internal("unexpected exception in a DVPP task");
  }
  last = st.message();
  *message = last.c_str();
  return static_cast<int>(st.code());
}

void ReleaseTask(void* user) { delete static_cast<std::function<Status()>*>(user); }

}  // namespace

aclError Report(const char* api, const Status& st) {
  return openaclInternalReportError(api, static_cast<int>(st.code()), st.message().c_str());
}

uint32_t RetCodeFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return 0;
    case StatusCode::kInvalidParam: return ACL_ERROR_INVALID_PARAM;
    case StatusCode::kFormatNotMatch: return ACL_ERROR_FORMAT_NOT_MATCH;
    case StatusCode::kFailure: return ACL_ERROR_FAILURE;
    case StatusCode::kFeatureUnsupported: return ACL_ERROR_FEATURE_UNSUPPORTED;
    case StatusCode::kBadAlloc: return ACL_ERROR_BAD_ALLOC;
    default: return ACL_ERROR_INTERNAL_ERROR;
  }
}

Status RequireContext(const char* api) {
  const char* msg = nullptr;
  int code = openaclInternalRequireContext(api, &msg);
  return FromBridge(code, msg);
}

Status DeviceMalloc(void** ptr, size_t size, const char* api) {
  if (ptr == nullptr) return InvalidParam("devPtr is null");
  if (size == 0) return InvalidParam("size is 0");
  size_t reserved = (size + 31) / 32 * 32 + 32;  // align32(size) + 32, as acldvppMalloc does
  if (reserved < size) return InvalidParam("size " + std::to_string(size) + " overflows align32(size)+32");
  const char* msg = nullptr;
  int code = openaclInternalDeviceMalloc(ptr, size, reserved, api, &msg);
  return FromBridge(code, msg);
}

Status DeviceFree(void* ptr) {
  if (ptr == nullptr) return InvalidParam("devPtr is null");
  const char* msg = nullptr;
  int code = openaclInternalDeviceFree(ptr, &msg);
  return FromBridge(code, msg);
}

Status CheckDeviceRange(const void* p, size_t n, const char* role, const char* api) {
  const char* msg = nullptr;
  int code = openaclInternalCheckDeviceRange(p, n, role, api, &msg);
  return FromBridge(code, msg);
}

Status Enqueue(aclrtStream stream, std::function<Status()> task) {
  auto* holder = new std::function<Status()>(std::move(task));
  const char* msg = nullptr;
  int code = openaclInternalEnqueue(stream, RunTask, ReleaseTask, holder, &msg);  // takes holder
  return FromBridge(code, msg);
}

void LogWarning(const char* api, const std::string& message) {
  openaclInternalLogWarning(api, message.c_str());
}

media::Picture ToPicture(const acldvppPicDesc& d) {
  media::Picture p;
  p.data = static_cast<uint8_t*>(d.data);
  p.size = d.size;
  p.format = static_cast<media::PixelFormat>(d.format);
  p.width = d.width;
  p.height = d.height;
  p.width_stride = d.widthStride;
  p.height_stride = d.heightStride;
  return p;
}

media::Roi ToRoi(const acldvppRoiConfig& r) { return media::Roi{r.left, r.right, r.top, r.bottom}; }

Status RequireDesc(const void* p, const char* what) {
  return p == nullptr ? InvalidParam(std::string(what) + " is null") : Status::Ok();
}

}  // namespace openacl::dvpp
