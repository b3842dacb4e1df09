// Memory: aclrtMalloc*/Free/MallocHost/FreeHost, copies, memsets, memory info.
// Every copy, memset, flush and invalidate goes through one residency check (CheckSide): count
// <= destMax, the copy kind against where each pointer really lives (device/memory_registry.h:
// a pointer inside a device block is device memory; anything else is host memory;
// aclrtMallocHost blocks are bounds-checked too), and a pointer into a freed device block is
// refused whatever the kind. Sizes (2-D spans) are computed with overflow checks.
#include <cstring>
#include <string>

#include "base/logging.h"
#include "base/checked_math.h"
#include "capi/enum_arg.h"
#include "capi/guard.h"
#include "device/device.h"
#include "device/memory_registry.h"

namespace {

using openacl::InvalidParam;
using openacl::Status;
using openacl::capi::EnumArg;
using openacl::capi::Guard;
using openacl::device::MemKind;
using openacl::device::MemLocation;
using openacl::device::MemoryRegistry;
using openacl::device::PtrString;

enum class Side { kHost, kDevice, kAny };

const char* KindName(int kind) {
  static const char* const kNames[] = {"ACL_MEMCPY_HOST_TO_HOST",
                                       "ACL_MEMCPY_HOST_TO_DEVICE",
                                       "ACL_MEMCPY_DEVICE_TO_HOST",
                                       "ACL_MEMCPY_DEVICE_TO_DEVICE",
                                       "ACL_MEMCPY_DEFAULT",
                                       "ACL_MEMCPY_HOST_TO_BUF_TO_DEVICE",
                                       "ACL_MEMCPY_INNER_DEVICE_TO_DEVICE",
                                       "ACL_MEMCPY_INTER_DEVICE_TO_DEVICE"};
  return (kind >= 0 && kind < 8) ? kNames[kind] : "an unknown memcpy kind";
}

// Sides a memcpy kind expects for (dst, src).
Status KindSides(int32_t kind, Side* dst, Side* src) {
  switch (kind) {
    case ACL_MEMCPY_HOST_TO_HOST:
      *dst = Side::kHost;
      *src = Side::kHost;
      return Status::Ok();
    case ACL_MEMCPY_HOST_TO_DEVICE:
    case ACL_MEMCPY_HOST_TO_BUF_TO_DEVICE:
      *dst = Side::kDevice;
      *src = Side::kHost;
      return Status::Ok();
    case ACL_MEMCPY_DEVICE_TO_HOST:
      *dst = Side::kHost;
      *src = Side::kDevice;
      return Status::Ok();
    case ACL_MEMCPY_DEVICE_TO_DEVICE:
    case ACL_MEMCPY_INNER_DEVICE_TO_DEVICE:
    case ACL_MEMCPY_INTER_DEVICE_TO_DEVICE:
      *dst = Side::kDevice;
      *src = Side::kDevice;
      return Status::Ok();
    case ACL_MEMCPY_DEFAULT:
      *dst = Side::kAny;
      *src = Side::kAny;
      return Status::Ok();
  }
  return InvalidParam("memcpy kind " + std::to_string(kind) + " is invalid");
}

std::string RangeText(const void* p, size_t n) {
  return "[" + PtrString(p) + ", +" + std::to_string(n) + ")";
}

// Checks that [p, p+n) lives where `expect` says and stays inside its block.
Status CheckSide(const char* role, const void* p, size_t n, Side expect, const char* why) {
  if (p == nullptr) return InvalidParam(std::string(role) + " is null");
  MemLocation loc = MemoryRegistry::Global().Locate(p, n);
  std::string who = std::string(role) + " " + PtrString(p);
  if (loc.kind == MemKind::kUnknown && loc.recently_freed_device) {
    // Freed blocks are quarantined, so this address cannot be anyone's live memory.
    return InvalidParam(who + " lies in a freed device block (use after aclrtFree?); " + why +
                        " refuses it");
  }
  if (expect == Side::kDevice && loc.kind != MemKind::kDevice) {
    std::string what =
        loc.kind == MemKind::kHostBlock ? "host memory from aclrtMallocHost"
        : loc.recently_freed_device
            ? "not device memory (it lies in a freed device block: use after aclrtFree?)"
            : "not device memory (host pointer)";
    return InvalidParam(who + " is " + what + ", but " + why +
                        " needs device memory from aclrtMalloc");
  }
  if (expect == Side::kHost && loc.kind == MemKind::kDevice) {
    return InvalidParam(who + " is device memory (block " + PtrString(loc.base) + "), but " + why +
                        " needs host memory");
  }
  if (!loc.in_bounds) {
    return InvalidParam(who + ": range " + RangeText(p, n) + " runs past the end of its " +
                        openacl::device::MemKindName(loc.kind) + " block " + PtrString(loc.base) +
                        " of " + std::to_string(loc.block_size) + " bytes (offset " +
                        std::to_string(loc.offset) + ")");
  }
  if (loc.slack_overrun != 0) {  // inside acldvppMalloc's align32(size)+32 rounding: allowed
    LOG_WARN("%s: range %s runs %zu bytes past the %zu bytes asked for block %s (offset %zu); "
             "allowed because acldvppMalloc rounds blocks up to align32(size)+32",
             who.c_str(), RangeText(p, n).c_str(), loc.slack_overrun, loc.block_size,
             PtrString(loc.base).c_str(), loc.offset);
  }
  return Status::Ok();
}

Status CheckCopy(void* dst, size_t destMax, const void* src, size_t count, int32_t kind,
                 size_t dst_span, size_t src_span) {
  if (count > destMax) {
    return InvalidParam("count " + std::to_string(count) + " exceeds destMax " +
                        std::to_string(destMax) + " of dst " + PtrString(dst));
  }
  Side dst_side = Side::kAny, src_side = Side::kAny;
  RETURN_IF_ERROR(KindSides(kind, &dst_side, &src_side));
  const char* why = KindName(kind);
  RETURN_IF_ERROR(CheckSide("dst", dst, dst_span, dst_side, why));
  return CheckSide("src", src, src_span, src_side, why);
}

Status Allocate(void** devPtr, size_t size, int32_t policy, const char* api) {
  if (devPtr == nullptr) return InvalidParam("devPtr is null");
  RETURN_IF_ERROR(openacl::capi::RequireInit(api));
  RETURN_IF_ERROR(openacl::device::DeviceManager::Global().CurrentContext().status());
  if ((static_cast<uint32_t>(policy) & 0xFFu) > ACL_MEM_MALLOC_HUGE1G_ONLY_P2P) {
    return InvalidParam("malloc policy " + std::to_string(policy) + " is invalid");
  }
  ASSIGN_OR_RETURN(*devPtr, MemoryRegistry::Global().Allocate(size));
  return Status::Ok();
}

Status CheckMemset(void* devPtr, size_t maxCount, size_t count, const char* api) {
  if (count > maxCount) {
    return InvalidParam("count " + std::to_string(count) + " exceeds maxCount " +
                        std::to_string(maxCount) + " of " + PtrString(devPtr));
  }
  return CheckSide("devPtr", devPtr, count, Side::kAny, api);
}

// Bytes from the first row's start to the last row's end: pitch * (height - 1) + width,
// an error naming the pitch when that overflows.
Status Span2d(const char* pitch_name, size_t pitch, size_t width, size_t height, size_t* span) {
  if (height == 0) {
    *span = 0;
    return Status::Ok();
  }
  size_t rows = 0;
  if (!openacl::CheckedMul<size_t>(pitch, height - 1, &rows) ||
      !openacl::CheckedAdd<size_t>(rows, width, span)) {
    return InvalidParam(std::string(pitch_name) + " " + std::to_string(pitch) + " * (height " +
                        std::to_string(height) + " - 1) + width " + std::to_string(width) +
                        " overflows size_t");
  }
  return Status::Ok();
}

Status Check2d(void* dst, size_t dpitch, const void* src, size_t spitch, size_t width,
               size_t height, int32_t kind) {
  if (width > dpitch || width > spitch) {
    return InvalidParam("width " + std::to_string(width) + " exceeds dpitch " +
                        std::to_string(dpitch) + " or spitch " + std::to_string(spitch));
  }
  size_t dst_span = 0, src_span = 0;
  RETURN_IF_ERROR(Span2d("dpitch", dpitch, width, height, &dst_span));
  RETURN_IF_ERROR(Span2d("spitch", spitch, width, height, &src_span));
  return CheckCopy(dst, dst_span, src, dst_span, kind, dst_span, src_span);
}

void Copy2d(void* dst, size_t dpitch, const void* src, size_t spitch, size_t width, size_t height) {
  for (size_t row = 0; row < height; ++row) {
    std::memmove(static_cast<char*>(dst) + row * dpitch,
                 static_cast<const char*>(src) + row * spitch, width);
  }
}

}  // namespace

extern "C" {

aclError aclrtMalloc(void** devPtr, size_t size, aclrtMemMallocPolicy policy) {
  return Guard(__func__, [&] { return Allocate(devPtr, size, EnumArg(policy), "aclrtMalloc"); });
}

aclError aclrtMallocCached(void** devPtr, size_t size, aclrtMemMallocPolicy policy) {
  return Guard(__func__,
               [&] { return Allocate(devPtr, size, EnumArg(policy), "aclrtMallocCached"); });
}

aclError aclrtMallocAlign32(void** devPtr, size_t size, aclrtMemMallocPolicy policy) {
  return Guard(__func__,
               [&] { return Allocate(devPtr, size, EnumArg(policy), "aclrtMallocAlign32"); });
}

aclError aclrtFree(void* devPtr) {
  return Guard(__func__, [&] { return MemoryRegistry::Global().Free(devPtr); });
}

aclError aclrtMallocHost(void** hostPtr, size_t size) {
  return Guard(__func__, [&]() -> Status {
    if (hostPtr == nullptr) return InvalidParam("hostPtr is null");
    RETURN_IF_ERROR(openacl::capi::RequireInit("aclrtMallocHost"));
    ASSIGN_OR_RETURN(*hostPtr, MemoryRegistry::Global().AllocateHost(size));
    return Status::Ok();
  });
}

aclError aclrtFreeHost(void* hostPtr) {
  return Guard(__func__, [&] { return MemoryRegistry::Global().FreeHost(hostPtr); });
}

aclError aclrtMemFlush(void* devPtr, size_t size) {
  return Guard(__func__, [&] { return CheckSide("devPtr", devPtr, size, Side::kAny, __func__); });
}

aclError aclrtMemInvalidate(void* devPtr, size_t size) {
  return Guard(__func__, [&] { return CheckSide("devPtr", devPtr, size, Side::kAny, __func__); });
}

aclError aclrtMemcpy(void* dst, size_t destMax, const void* src, size_t count,
                     aclrtMemcpyKind kind) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(CheckCopy(dst, destMax, src, count, EnumArg(kind), count, count));
    std::memmove(dst, src, count);
    return Status::Ok();
  });
}

aclError aclrtMemcpyAsync(void* dst, size_t destMax, const void* src, size_t count,
                          aclrtMemcpyKind kind, aclrtStream stream) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(CheckCopy(dst, destMax, src, count, EnumArg(kind), count, count));
    ASSIGN_OR_RETURN(auto s, openacl::capi::StreamFromHandle(stream));
    return s->Enqueue([dst, src, count] {
      std::memmove(dst, src, count);
      return Status::Ok();
    });
  });
}

aclError aclrtMemcpy2d(void* dst, size_t dpitch, const void* src, size_t spitch, size_t width,
                       size_t height, aclrtMemcpyKind kind) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(Check2d(dst, dpitch, src, spitch, width, height, EnumArg(kind)));
    Copy2d(dst, dpitch, src, spitch, width, height);
    return Status::Ok();
  });
}

aclError aclrtMemcpy2dAsync(void* dst, size_t dpitch, const void* src, size_t spitch, size_t width,
                            size_t height, aclrtMemcpyKind kind, aclrtStream stream) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(Check2d(dst, dpitch, src, spitch, width, height, EnumArg(kind)));
    ASSIGN_OR_RETURN(auto s, openacl::capi::StreamFromHandle(stream));
    return s->Enqueue([=] {
      Copy2d(dst, dpitch, src, spitch, width, height);
      return Status::Ok();
    });
  });
}

aclError aclrtMemset(void* devPtr, size_t maxCount, int32_t value, size_t count) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(CheckMemset(devPtr, maxCount, count, "aclrtMemset"));
    std::memset(devPtr, value, count);
    return Status::Ok();
  });
}

aclError aclrtMemsetAsync(void* devPtr, size_t maxCount, int32_t value, size_t count,
                          aclrtStream stream) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(CheckMemset(devPtr, maxCount, count, "aclrtMemsetAsync"));
    ASSIGN_OR_RETURN(auto s, openacl::capi::StreamFromHandle(stream));
    return s->Enqueue([devPtr, value, count] {
      std::memset(devPtr, value, count);
      return Status::Ok();
    });
  });
}

aclError aclrtGetMemInfo(aclrtMemAttr attr, size_t* free, size_t* total) {
  return Guard(__func__, [&]() -> Status {
    if (free == nullptr || total == nullptr) return InvalidParam("free and total must not be null");
    int32_t attr_value = EnumArg(attr);
    if (attr_value < ACL_DDR_MEM || attr_value > ACL_HBM_MEM_P2P_HUGE1G) {
      return InvalidParam("memory attribute " + std::to_string(attr_value) + " is invalid");
    }
    MemoryRegistry& registry = MemoryRegistry::Global();
    size_t cap = registry.capacity();
    size_t used = registry.used();
    *total = cap;
    *free = used > cap ? 0 : cap - used;
    return Status::Ok();
  });
}

}  // extern "C"
