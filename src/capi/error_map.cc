// The one StatusCode -> aclError table, plus the per-thread error record behind
// aclGetRecentErrMsg / aclrtGetLastError / aclrtPeekAtLastError. See docs/error-policy.md.
#include <string>

#include "base/logging.h"
#include "capi/guard.h"
#include "capi/thread_error.h"

namespace openacl::capi {

aclError ToAclError(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return ACL_SUCCESS;
    case StatusCode::kInvalidParam:
      return ACL_ERROR_INVALID_PARAM;
    case StatusCode::kUninitialized:
      return ACL_ERROR_UNINITIALIZE;
    case StatusCode::kRepeatInitialize:
      return ACL_ERROR_REPEAT_INITIALIZE;
    case StatusCode::kRepeatFinalize:
      return ACL_ERROR_REPEAT_FINALIZE;
    case StatusCode::kInvalidFile:
      return ACL_ERROR_INVALID_FILE;
    case StatusCode::kInvalidFileSize:
      return ACL_ERROR_INVALID_FILE_SIZE;
    case StatusCode::kParseFile:
      return ACL_ERROR_PARSE_FILE;
    case StatusCode::kInvalidModelId:
      return ACL_ERROR_INVALID_MODEL_ID;
    case StatusCode::kDeserializeModel:
      return ACL_ERROR_DESERIALIZE_MODEL;
    case StatusCode::kParseModel:
      return ACL_ERROR_PARSE_MODEL;
    case StatusCode::kUnsupportedVersion:
      return ACL_ERROR_DESERIALIZE_MODEL;
    case StatusCode::kModelSizeInvalid:
      return ACL_ERROR_MODEL_SIZE_INVALID;
    case StatusCode::kModelInputNotMatch:
      return ACL_ERROR_MODEL_INPUT_NOT_MATCH;
    case StatusCode::kModelOutputNotMatch:
      return ACL_ERROR_MODEL_OUTPUT_NOT_MATCH;
    case StatusCode::kModelNotDynamic:
      return ACL_ERROR_MODEL_NOT_DYNAMIC;
    case StatusCode::kOpNotFound:
      return ACL_ERROR_OP_NOT_FOUND;
    case StatusCode::kOpInputNotMatch:
      return ACL_ERROR_OP_INPUT_NOT_MATCH;
    case StatusCode::kOpAttrNotMatch:
      return ACL_ERROR_OP_ATTR_NOT_MATCH;
    case StatusCode::kOpLoadFailed:
      return ACL_ERROR_OP_LOAD_FAILED;
    case StatusCode::kUnsupportedOp:
      return ACL_ERROR_FEATURE_UNSUPPORTED;
    case StatusCode::kUnsupportedDataType:
      return ACL_ERROR_UNSUPPORTED_DATA_TYPE;
    case StatusCode::kBadAlloc:
      return ACL_ERROR_BAD_ALLOC;
    case StatusCode::kMemoryAllocation:
      return ACL_ERROR_RT_MEMORY_ALLOCATION;
    case StatusCode::kApiNotSupport:
      return ACL_ERROR_API_NOT_SUPPORT;
    case StatusCode::kInvalidDevice:
      return ACL_ERROR_RT_INVALID_DEVICEID;
    case StatusCode::kInvalidResourceHandle:
      return ACL_ERROR_INVALID_RESOURCE_HANDLE;
    case StatusCode::kFeatureUnsupported:
    case StatusCode::kDataDependentShape:
      return ACL_ERROR_FEATURE_UNSUPPORTED;
    case StatusCode::kRepeatSubscribe:
      return ACL_ERROR_REPEAT_SUBSCRIBE;
    case StatusCode::kStreamNotSubscribe:
      return ACL_ERROR_STREAM_NOT_SUBSCRIBE;
    case StatusCode::kThreadNotSubscribe:
      return ACL_ERROR_THREAD_NOT_SUBSCRIBE;
    case StatusCode::kWaitCallbackTimeout:
      return ACL_ERROR_WAIT_CALLBACK_TIMEOUT;
    case StatusCode::kWaitTimeout:
      return ACL_ERROR_RT_STREAM_SYNC_TIMEOUT;
    case StatusCode::kShapeInvalid:
      return static_cast<aclError>(ACL_ERROR_GE_SHAPE_INVALID);
    case StatusCode::kWriteFile:
      return ACL_ERROR_WRITE_FILE;
    case StatusCode::kInternal:
      return ACL_ERROR_INTERNAL_ERROR;
    case StatusCode::kContextNull:
      return ACL_ERROR_RT_CONTEXT_NULL;
    case StatusCode::kEventNotComplete:
      return ACL_ERROR_RT_EVENT_NOT_COMPLETE;
    case StatusCode::kFormatNotMatch:
      return ACL_ERROR_FORMAT_NOT_MATCH;
    case StatusCode::kFailure:
      return ACL_ERROR_FAILURE;
    case StatusCode::kAippNotExist:
      return static_cast<aclError>(ACL_ERROR_GE_AIPP_NOT_EXIST);
    case StatusCode::kNotStaticAipp:
      return ACL_ERROR_NOT_STATIC_AIPP;
  }
  return ACL_ERROR_INTERNAL_ERROR;  // a code added to status.h without a row here
}

aclError ReportError(const char* api, const Status& status) {
  aclError code = ToAclError(status.code());
  std::string text = std::string(api) + ": " + status.message();
  LOG_ERROR("%s [aclError %d]", text.c_str(), code);
  RecordThreadError(code, std::move(text));
  return code;
}

}  // namespace openacl::capi
