// What every capi_dvpp file includes: the public DVPP header, the descriptor structs behind its
// opaque types, the guard that turns a Status into an aclError (recorded in libascendcl's
// per-thread error record through the bridge), and the device access of the bridge.
#pragma once

#ifndef ENABLE_DVPP_INTERFACE
#define ENABLE_DVPP_INTERFACE
#endif

#include <cstdint>
#include <functional>
#include <new>
#include <string>
#include <vector>

#include "acl/ops/acl_dvpp.h"
#include "base/status.h"
#include "media/picture.h"

// ---- descriptor structs (the fields of dvpp-api.md §2) ----
struct acldvppPicDesc {
  void* data = nullptr;
  uint32_t size = 0;
  acldvppPixelFormat format = PIXEL_FORMAT_YUV_400;
  uint32_t width = 0;
  uint32_t height = 0;
  uint32_t widthStride = 0;
  uint32_t heightStride = 0;
  uint32_t retCode = 0;
};

struct acldvppBatchPicDesc {
  std::vector<acldvppPicDesc> pics;
};

struct acldvppChannelDesc {
  uint64_t channelId = 0;
  uint32_t mode = DVPP_CHNMODE_VPC | DVPP_CHNMODE_JPEGD | DVPP_CHNMODE_JPEGE | DVPP_CHNMODE_PNGD;
  uint32_t cscMatrix = ACL_DVPP_CSC_MATRIX_BT601_WIDE;
  uint32_t retCode = 0;
  bool created = false;
};

struct acldvppRoiConfig {
  uint32_t left = 0, right = 0, top = 0, bottom = 0;
};

struct acldvppResizeConfig {
  uint32_t interpolation = 0;
};

struct acldvppJpegeConfig {
  uint32_t level = 0;
};

struct acldvppStreamDesc {
  void* data = nullptr;
  uint32_t size = 0;
  acldvppStreamFormat format = H265_MAIN_LEVEL;
  uint64_t timestamp = 0;
  uint8_t eos = 0;
  uint32_t retCode = 0;
};

struct acldvppBorderConfig {
  acldvppBorderType borderType = BORDER_CONSTANT;
  uint32_t top = 0, bottom = 0, left = 0, right = 0;
  double value[4] = {0, 0, 0, 0};
};

struct acldvppLutMap {
  uint8_t map[3][256];
};

struct acldvppHist {
  uint32_t bins[3][256];
  uint32_t retCode = 0;
};

namespace openacl::dvpp {

// ---- guard ----
aclError Report(const char* api, const Status& st);
// The aclError number for a status code (for retCode fields written by tasks).
uint32_t RetCodeFor(StatusCode code);

template <typename Fn>
aclError Guard(const char* api, Fn&& fn) noexcept {
  try {
    Status st = fn();
    return st.ok() ? ACL_SUCCESS : Report(api, st);
  } catch (const std::bad_alloc&) {
    return Report(api, Status(StatusCode::kBadAlloc, "out of host memory"));
  } catch (...) {
    return Report(api, Internal("unexpected exception"));
  }
}

// Creates T with `new (std::nothrow)`; NULL on failure.
template <typename T>
T* Create() noexcept {
  return new (std::nothrow) T();
}

// ---- device access (capi/dvpp_bridge.h) ----
Status RequireContext(const char* api);
Status DeviceMalloc(void** ptr, size_t size, const char* api);
Status DeviceFree(void* ptr);
// [p, p+n) must be device memory inside one live block.
Status CheckDeviceRange(const void* p, size_t n, const char* role, const char* api);
// Runs `task` in order on `stream` (NULL = the default stream).
Status Enqueue(aclrtStream stream, std::function<Status()> task);
void LogWarning(const char* api, const std::string& message);

// ---- conversions ----
media::Picture ToPicture(const acldvppPicDesc& d);
media::Roi ToRoi(const acldvppRoiConfig& r);
Status RequireDesc(const void* p, const char* what);

}  // namespace openacl::dvpp
