// aclmdl* stubs (the model API is written by the lead in capi/model_*.cc).
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

extern "C" {

// ---- aclmdlLoadFromFileWithQ ----
aclError aclmdlLoadFromFileWithQ(const char* modelPath, uint32_t* modelId, const uint32_t* inputQ,
                                 size_t inputQNum, const uint32_t* outputQ, size_t outputQNum) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclmdlLoadFromFileWithQ"); });
}

// ---- aclmdlLoadFromMemWithQ ----
aclError aclmdlLoadFromMemWithQ(const void* model, size_t modelSize, uint32_t* modelId,
                                const uint32_t* inputQ, size_t inputQNum, const uint32_t* outputQ,
                                size_t outputQNum) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclmdlLoadFromMemWithQ"); });
}

}  // extern "C"
