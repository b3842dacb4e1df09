// The one wrapper every C entry point goes through, and the handle helpers.
//
// Usage (in any src/capi/*.cc):
//
//   aclError aclrtFoo(aclrtStream stream, int* out) {
//     return openacl::capi::Guard(__func__, [&]() -> openacl::Status {
//       CHECK_OR_RETURN(out != nullptr, kInvalidParam, "out is null");
//       ASSIGN_OR_RETURN(auto s, openacl::capi::StreamFromHandle(stream));
//       ...
//       return openacl::Status::Ok();
//     });
//   }
//   size_t aclFooSize(const aclFoo* f) {          // functions returning a value
//     return openacl::capi::GuardValue(__func__, size_t{0}, [&]() -> openacl::Result<size_t> {
//       ...
//     });
//   }
//
// The guard catches every exception, maps the StatusCode to aclError through the one table in
// error_map.cc, stores "<api>: <message>" for aclGetRecentErrMsg() (per thread), records the
// code for aclrtGetLastError, and logs it with LOG_ERROR. Messages should name the thing at fault.
#pragma once

#include <exception>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <unordered_set>
#include <utility>

#include "acl/acl.h"
#include "base/status.h"

namespace openacl::device {
class Context;
class Event;
class Stream;
}  // namespace openacl::device

namespace openacl::capi {

// The one StatusCode -> aclError table (error_map.cc).
aclError ToAclError(StatusCode code);
// Logs, stores the message and code for this thread, and returns the aclError.
aclError ReportError(const char* api, const Status& status);

template <typename Fn>
aclError Guard(const char* api, Fn&& fn) noexcept {
  try {
    Status st = fn();
    return st.ok() ? ACL_SUCCESS : ReportError(api, st);
  } catch (const std::bad_alloc&) {
    return ReportError(api, Status(StatusCode::kBadAlloc, "out of host memory"));
  } catch (const std::exception& e) {
    return ReportError(api, Internal(std::string("unexpected exception: ") + e.what()));
  } catch (...) {
    return ReportError(api, Internal("unexpected unknown exception"));
  }
}

// For entry points that return a value: on error returns `fallback`.
template <typename T, typename Fn>
T GuardValue(const char* api, T fallback, Fn&& fn) noexcept {
  try {
    Result<T> r = fn();
    if (r.ok()) return std::move(r).value();
    ReportError(api, r.status());
  } catch (const std::bad_alloc&) {
    ReportError(api, Status(StatusCode::kBadAlloc, "out of host memory"));
  } catch (const std::exception& e) {
    ReportError(api, Internal(std::string("unexpected exception: ") + e.what()));
  } catch (...) {
    ReportError(api, Internal("unexpected unknown exception"));
  }
  return fallback;
}

// ---- lifecycle (lifecycle.cc) ----
bool IsInitialized();
// kUninitialized naming `api` when aclInit has not been called.
Status RequireInit(const char* api);
// Called by aclFinalize before the runtime tears down (e.g. to unload every model).
void RegisterFinalizeHook(void (*hook)());

// ---- handles for runtime objects (handles.cc) ----
// aclrtContext / aclrtStream / aclrtEvent values encode a kind and an id that is never reused;
// a destroyed or foreign handle resolves to kInvalidResourceHandle.
enum class HandleKind : uint64_t { kContext = 1, kStream = 2, kEvent = 3 };
void* EncodeHandle(HandleKind kind, uint64_t id);
// 0 when `handle` is not a handle of that kind.
uint64_t DecodeHandle(HandleKind kind, const void* handle);

// NULL = the current context's default stream.
Result<std::shared_ptr<device::Stream>> StreamFromHandle(void* stream);
Result<std::shared_ptr<device::Event>> EventFromHandle(void* event);
Result<std::shared_ptr<device::Context>> ContextFromHandle(void* context);

// ---- live sets for capi-owned structs (aclDataBuffer, aclTensorDesc, aclmdlDesc, ...) ----
// Detects NULL, unknown and already destroyed pointers before they are dereferenced.
template <typename T>
class LiveSet {
 public:
  T* Add(T* p) {
    std::lock_guard<std::mutex> lock(mu_);
    live_.insert(p);
    return p;
  }
  bool Contains(const T* p) const {
    std::lock_guard<std::mutex> lock(mu_);
    return live_.count(p) != 0;
  }
  // Removes and deletes; false when `p` is not live (double destroy, foreign pointer).
  bool Destroy(const T* p) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (live_.erase(p) == 0) return false;
    }
    delete p;
    return true;
  }
  // kInvalidParam "<what> is null" / "<what> <ptr> is not a live <type> (destroyed?)".
  Status Check(const T* p, const char* what, const char* type) const {
    if (p == nullptr) return InvalidParam(std::string(what) + " is null");
    if (!Contains(p)) {
      return InvalidParam(std::string(what) + " " + PtrText(p) + " is not a live " + type +
                          " (already destroyed or never created)");
    }
    return Status::Ok();
  }

 private:
  static std::string PtrText(const void* p);
  mutable std::mutex mu_;
  std::unordered_set<const T*> live_;
};

std::string PointerText(const void* p);
template <typename T>
std::string LiveSet<T>::PtrText(const void* p) {
  return PointerText(p);
}

}  // namespace openacl::capi
