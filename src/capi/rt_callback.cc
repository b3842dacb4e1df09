// Host callbacks: aclrtSubscribeReport / aclrtLaunchCallback / aclrtProcessReport /
// aclrtUnSubscribeReport, and aclrtLaunchHostFunc (runs on the stream's own thread).
#include "capi/enum_arg.h"
#include "capi/guard.h"
#include "device/callback.h"
#include "device/stream.h"

namespace {
using openacl::Status;
using openacl::capi::Guard;
using openacl::capi::StreamFromHandle;
using openacl::device::ReportHub;
}  // namespace

extern "C" {

aclError aclrtSubscribeReport(uint64_t threadId, aclrtStream stream) {
  return Guard(__func__, [&]() -> Status {
    ASSIGN_OR_RETURN(auto s, StreamFromHandle(stream));
    return ReportHub::Global().Subscribe(threadId, s->id());
  });
}

aclError aclrtUnSubscribeReport(uint64_t threadId, aclrtStream stream) {
  return Guard(__func__, [&]() -> Status {
    ASSIGN_OR_RETURN(auto s, StreamFromHandle(stream));
    return ReportHub::Global().Unsubscribe(threadId, s->id());
  });
}

aclError aclrtLaunchCallback(aclrtCallback fn, void* userData,
                             aclrtCallbackBlockType blockTypeArg, aclrtStream stream) {
  return Guard(__func__, [&]() -> Status {
    const int32_t blockType = openacl::capi::EnumArg(blockTypeArg);
    if (fn == nullptr) return openacl::InvalidParam("fn is null");
    if (blockType != ACL_CALLBACK_NO_BLOCK && blockType != ACL_CALLBACK_BLOCK) {
      return openacl::InvalidParam("blockType " + std::to_string(blockType) +
                                   " is neither ACL_CALLBACK_NO_BLOCK nor ACL_CALLBACK_BLOCK");
    }
    ASSIGN_OR_RETURN(auto s, StreamFromHandle(stream));
    return ReportHub::Global().Launch(
        s.get(), [fn, userData] { fn(userData); }, blockType == ACL_CALLBACK_BLOCK);
  });
}

aclError aclrtProcessReport(int32_t timeout) {
  aclError quiet = ACL_SUCCESS;
  aclError ret = Guard(__func__, [&]() -> Status {
    if (timeout < -1) {
      return openacl::InvalidParam("timeout " + std::to_string(timeout) +
                                   " ms is invalid (-1 = wait forever, >= 0 = milliseconds)");
    }
    Status st = ReportHub::Global().Process(timeout);
    // Apps poll this in a loop and ignore the result: an idle poll is not worth an error log.
    if (st.code() == openacl::StatusCode::kWaitCallbackTimeout ||
        st.code() == openacl::StatusCode::kThreadNotSubscribe) {
      quiet = openacl::capi::ToAclError(st.code());
      return Status::Ok();
    }
    return st;
  });
  return ret != ACL_SUCCESS ? ret : quiet;
}

aclError aclrtLaunchHostFunc(aclrtStream stream, aclrtHostFunc fn, void* args) {
  return Guard(__func__, [&]() -> Status {
    if (fn == nullptr) return openacl::InvalidParam("fn is null");
    ASSIGN_OR_RETURN(auto s, StreamFromHandle(stream));
    return s->Enqueue([fn, args] {
      fn(args);
      return Status::Ok();
    });
  });
}

}  // extern "C"
