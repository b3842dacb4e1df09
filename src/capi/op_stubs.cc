// aclop* stubs (single-op API, written in capi/op_*.cc).
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

extern "C" {}  // extern "C"
