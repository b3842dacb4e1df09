// libascendcl's side of the DVPP bridge (capi/dvpp_bridge.h): libacl_dvpp.so reaches the one
// device heap, the streams and the per-thread error record through these few functions.
#include "capi/dvpp_bridge.h"

#include <cstring>
#include <memory>
#include <string>

#include "base/logging.h"
#include "base/status.h"
#include "capi/guard.h"
#include "capi/stream_access.h"
#include "device/device.h"
#include "device/memory_registry.h"

namespace {

using openacl::Status;
using openacl::StatusCode;
using openacl::device::MemKind;
using openacl::device::MemoryRegistry;
using openacl::device::PtrString;

constexpr size_t kDvppAlignment = 128;

// Returns the status code and parks the message for the caller.
int Answer(const Status& st, const char** message) {
  thread_local std::string last;
  last = st.message();
  if (message != nullptr) *message = st.ok() ? nullptr : last.c_str();
  return static_cast<int>(st.code());
}

template <typename Fn>
int Run(const char** message, Fn&& fn) noexcept {
  try {
    return Answer(fn(), message);
  } catch (const std::bad_alloc&) {
    return Answer(Status(StatusCode::kBadAlloc, "out of host memory"), message);
  } catch (const std::exception& e) {
    return Answer(openacl::Internal(std::string("unexpected exception: ") + e.what()), message);
  }
}

Status RequireContext(const char* api) {
  RETURN_IF_ERROR(openacl::capi::RequireInit(api));
  return openacl::device::DeviceManager::Global().CurrentContext().status();
}

}  // namespace

extern "C" {

int openaclInternalDeviceMalloc(void** ptr, size_t size, size_t reserved, const char* api,
                                const char** message) {
  return Run(message, [&]() -> Status {
    if (ptr == nullptr) return openacl::InvalidParam("devPtr is null");
    if (size == 0) return openacl::InvalidParam("size is 0");
    if (reserved < size) return openacl::InvalidParam("size " + std::to_string(size) + " overflows");
    RETURN_IF_ERROR(RequireContext(api));
    ASSIGN_OR_RETURN(void* p, MemoryRegistry::Global().AllocateWithSlack(size, reserved - size, kDvppAlignment));
    std::memset(p, 0, reserved);  // defined letterbox borders (dvpp-api.md §5.1)
    *ptr = p;
    return Status::Ok();
  });
}

int openaclInternalDeviceFree(void* ptr, const char** message) {
  return Run(message, [&]() -> Status { return MemoryRegistry::Global().Free(ptr); });
}

int openaclInternalCheckDeviceRange(const void* p, size_t n, const char* role, const char* api,
                                    const char** message) {
  return Run(message, [&]() -> Status {
    std::string who = std::string(role) + " " + PtrString(p);
    if (p == nullptr) return openacl::InvalidParam(std::string(role) + " is null");
    openacl::device::MemLocation loc = MemoryRegistry::Global().Locate(p, n);
    if (loc.kind != MemKind::kDevice) {
      const char* what = loc.kind == MemKind::kHostBlock ? "host memory from aclrtMallocHost"
                         : loc.recently_freed_device   ? "in a freed device block (use after acldvppFree?)"
                                                       : "host memory";
      return openacl::InvalidParam(who + " is " + what + ", but " + api +
                                   " needs device memory from acldvppMalloc (or aclrtMalloc)");
    }
    if (!loc.in_bounds) {
      return openacl::InvalidParam(who + ": " + std::to_string(n) + " bytes at offset " +
                                   std::to_string(loc.offset) + " run past the end of its device block " +
                                   PtrString(loc.base) + " of " + std::to_string(loc.block_size) + " bytes");
    }
    if (loc.slack_overrun != 0) {
      LOG_WARN("%s: %s: %zu bytes at offset %zu run %zu bytes past the %zu bytes asked for block %s; "
               "allowed because acldvppMalloc rounds blocks up to align32(size)+32",
               api, who.c_str(), n, loc.offset, loc.slack_overrun, loc.block_size, PtrString(loc.base).c_str());
    }
    return Status::Ok();
  });
}

int openaclInternalRequireContext(const char* api, const char** message) {
  return Run(message, [&] { return RequireContext(api); });
}

int openaclInternalEnqueue(void* stream, openaclInternalTaskRun run, openaclInternalTaskRelease release,
                           void* user, const char** message) {
  // The release runs exactly once, when the last copy of the task goes (run or dropped).
  std::shared_ptr<void> owner(user, [release](void* u) {
    if (release != nullptr) release(u);
  });
  return Run(message, [&]() -> Status {
    if (run == nullptr) return openacl::InvalidParam("task is null");
    return openacl::EnqueueOnStream(stream, [run, owner]() -> Status {
      const char* msg = nullptr;
      int code = run(owner.get(), &msg);
      if (code == 0) return Status::Ok();
      return Status(static_cast<StatusCode>(code), msg ? msg : "DVPP task failed");
    });
  });
}

int openaclInternalReportError(const char* api, int status_code, const char* message) {
  return openacl::capi::ReportError(api ? api : "?",
                                    Status(static_cast<StatusCode>(status_code), message ? message : ""));
}

void openaclInternalLogWarning(const char* api, const char* message) {
  LOG_WARN("%s: %s", api ? api : "?", message ? message : "");
}

}  // extern "C"
