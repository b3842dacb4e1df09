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

extern "C" {

// ---- aclopSetModelDir ----
aclError aclopSetModelDir(const char* modelDir) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclopSetModelDir"); });
}

// ---- aclopLoad ----
aclError aclopLoad(const void* model, size_t modelSize) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclopLoad"); });
}

// ---- aclopCreateAttr ----
aclopAttr* aclopCreateAttr(void) {
  openacl::capi::ReportError(__func__, NotYet("aclopCreateAttr"));
  return nullptr;
}

// ---- aclopDestroyAttr ----
void aclopDestroyAttr(const aclopAttr* attr) {
  openacl::capi::Guard(__func__, [] { return NotYet("aclopDestroyAttr"); });
}

// ---- aclopSetAttrBool ----
aclError aclopSetAttrBool(aclopAttr* attr, const char* attrName, uint8_t attrValue) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclopSetAttrBool"); });
}

// ---- aclopSetAttrInt ----
aclError aclopSetAttrInt(aclopAttr* attr, const char* attrName, int64_t attrValue) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclopSetAttrInt"); });
}

// ---- aclopSetAttrFloat ----
aclError aclopSetAttrFloat(aclopAttr* attr, const char* attrName, float attrValue) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclopSetAttrFloat"); });
}

// ---- aclopSetAttrString ----
aclError aclopSetAttrString(aclopAttr* attr, const char* attrName, const char* attrValue) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclopSetAttrString"); });
}

// ---- aclopSetAttrDataType ----
aclError aclopSetAttrDataType(aclopAttr* attr, const char* attrName, aclDataType attrValue) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclopSetAttrDataType"); });
}

// ---- aclopSetAttrListBool ----
aclError aclopSetAttrListBool(aclopAttr* attr, const char* attrName, int numValues,
                              const uint8_t* values) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclopSetAttrListBool"); });
}

// ---- aclopSetAttrListInt ----
aclError aclopSetAttrListInt(aclopAttr* attr, const char* attrName, int numValues,
                             const int64_t* values) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclopSetAttrListInt"); });
}

// ---- aclopSetAttrListFloat ----
aclError aclopSetAttrListFloat(aclopAttr* attr, const char* attrName, int numValues,
                               const float* values) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclopSetAttrListFloat"); });
}

// ---- aclopSetAttrListString ----
aclError aclopSetAttrListString(aclopAttr* attr, const char* attrName, int numValues,
                                const char** values) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclopSetAttrListString"); });
}

// ---- aclopSetAttrListDataType ----
aclError aclopSetAttrListDataType(aclopAttr* attr, const char* attrName, int numValues,
                                  const aclDataType values[]) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclopSetAttrListDataType"); });
}

// ---- aclopSetAttrListListInt ----
aclError aclopSetAttrListListInt(aclopAttr* attr, const char* attrName, int numLists,
                                 const int* numValues, const int64_t* const values[]) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclopSetAttrListListInt"); });
}

// ---- aclopExecute ----
aclError aclopExecute(const char* opType, int numInputs, const aclTensorDesc* const inputDesc[],
                      const aclDataBuffer* const inputs[], int numOutputs,
                      const aclTensorDesc* const outputDesc[], aclDataBuffer* const outputs[],
                      const aclopAttr* attr, aclrtStream stream) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclopExecute"); });
}

// ---- aclopExecuteV2 ----
aclError aclopExecuteV2(const char* opType, int numInputs, aclTensorDesc* inputDesc[],
                        aclDataBuffer* inputs[], int numOutputs, aclTensorDesc* outputDesc[],
                        aclDataBuffer* outputs[], aclopAttr* attr, aclrtStream stream) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclopExecuteV2"); });
}

// ---- aclopCreateHandle ----
aclError aclopCreateHandle(const char* opType, int numInputs,
                           const aclTensorDesc* const inputDesc[], int numOutputs,
                           const aclTensorDesc* const outputDesc[], const aclopAttr* opAttr,
                           aclopHandle** handle) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclopCreateHandle"); });
}

// ---- aclopDestroyHandle ----
void aclopDestroyHandle(aclopHandle* handle) {
  openacl::capi::Guard(__func__, [] { return NotYet("aclopDestroyHandle"); });
}

// ---- aclopExecWithHandle ----
aclError aclopExecWithHandle(aclopHandle* handle, int numInputs,
                             const aclDataBuffer* const inputs[], int numOutputs,
                             aclDataBuffer* const outputs[], aclrtStream stream) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclopExecWithHandle"); });
}

// ---- aclopCast ----
aclError aclopCast(const aclTensorDesc* srcDesc, const aclDataBuffer* srcBuffer,
                   const aclTensorDesc* dstDesc, aclDataBuffer* dstBuffer, uint8_t truncate,
                   aclrtStream stream) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclopCast"); });
}

// ---- aclopCreateHandleForCast ----
aclError aclopCreateHandleForCast(aclTensorDesc* srcDesc, aclTensorDesc* dstDesc, uint8_t truncate,
                                  aclopHandle** handle) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclopCreateHandleForCast"); });
}

// ---- aclopCompile ----
aclError aclopCompile(const char* opType, int numInputs, const aclTensorDesc* const inputDesc[],
                      int numOutputs, const aclTensorDesc* const outputDesc[],
                      const aclopAttr* attr, aclopEngineType engineType,
                      aclopCompileType compileFlag, const char* opPath) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclopCompile"); });
}

// ---- aclopCompileAndExecute ----
aclError aclopCompileAndExecute(const char* opType, int numInputs,
                                const aclTensorDesc* const inputDesc[],
                                const aclDataBuffer* const inputs[], int numOutputs,
                                const aclTensorDesc* const outputDesc[],
                                aclDataBuffer* const outputs[], const aclopAttr* attr,
                                aclopEngineType engineType, aclopCompileType compileFlag,
                                const char* opPath, aclrtStream stream) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclopCompileAndExecute"); });
}

// ---- aclopCompileAndExecuteV2 ----
aclError aclopCompileAndExecuteV2(const char* opType, int numInputs, aclTensorDesc* inputDesc[],
                                  aclDataBuffer* inputs[], int numOutputs,
                                  aclTensorDesc* outputDesc[], aclDataBuffer* outputs[],
                                  aclopAttr* attr, aclopEngineType engineType,
                                  aclopCompileType compileFlag, const char* opPath,
                                  aclrtStream stream) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclopCompileAndExecuteV2"); });
}

// ---- aclSetCompileopt ----
aclError aclSetCompileopt(aclCompileOpt opt, const char* value) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclSetCompileopt"); });
}

// ---- aclopSetCompileFlag ----
aclError aclopSetCompileFlag(aclOpCompileFlag flag) {
  return openacl::capi::Guard(__func__, [] { return NotYet("aclopSetCompileFlag"); });
}

}  // extern "C"
