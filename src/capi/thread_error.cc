#include "capi/thread_error.h"

#include <utility>

namespace openacl::capi {
namespace {

struct ThreadError {
  aclError code = ACL_SUCCESS;
  std::string pending;
  bool has_pending = false;
  std::string handed_out;
};

ThreadError& Current() {
  thread_local ThreadError e;
  return e;
}

}  // namespace

void RecordThreadError(aclError code, std::string message) {
  ThreadError& e = Current();
  e.code = code;
  e.pending = std::move(message);
  e.has_pending = true;
}

const char* TakeThreadErrorMessage() {
  ThreadError& e = Current();
  if (!e.has_pending) return nullptr;
  e.handed_out = std::move(e.pending);
  e.pending.clear();
  e.has_pending = false;
  return e.handed_out.c_str();
}

aclError ThreadLastError(bool clear) {
  ThreadError& e = Current();
  aclError code = e.code;
  if (clear) e.code = ACL_SUCCESS;
  return code;
}

}  // namespace openacl::capi
