// aclopSetModelDir / aclopLoad: loading single-op models made by atc --singleop.
#include "capi/op_internal.h"

using openacl::Status;
namespace capi = openacl::capi;

extern "C" {

aclError aclopSetModelDir(const char* modelDir) {
  return capi::Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(capi::RequireInit("aclopSetModelDir"));
    CHECK_OR_RETURN(modelDir != nullptr && modelDir[0] != '\0', kInvalidParam,
                    "modelDir is null or empty");
    return capi::OpStore::Global().LoadDir(modelDir);
  });
}

aclError aclopLoad(const void* model, size_t modelSize) {
  return capi::Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(capi::RequireInit("aclopLoad"));
    CHECK_OR_RETURN(model != nullptr, kInvalidParam, "model is null");
    CHECK_OR_RETURN(modelSize > 0, kInvalidParam, "modelSize is 0");
    return capi::OpStore::Global().LoadMemory(model, modelSize);
  });
}

}  // extern "C"
