// Devices, contexts, run mode and the task-exception hook.
#include <atomic>

#include "capi/guard.h"
#include "device/device.h"
#include "device/stream.h"

// Layout private to openacl (apps only see aclrtExceptionInfo*).
struct rtExceptionInfo {
  uint32_t taskid;
  uint32_t streamid;
  uint32_t tid;
  uint32_t deviceid;
  uint32_t retcode;
};

namespace {

using openacl::Status;
using openacl::capi::Guard;
using openacl::capi::HandleKind;
using openacl::device::DeviceManager;

std::atomic<aclrtExceptionInfoCallback> g_exception_callback{nullptr};

void OnTaskFailure(uint64_t stream_id, uint64_t task_index, const Status& st) {
  aclrtExceptionInfoCallback cb = g_exception_callback.load();
  if (cb == nullptr) return;
  rtExceptionInfo info{static_cast<uint32_t>(task_index), static_cast<uint32_t>(stream_id), 0u, 0u,
                       static_cast<uint32_t>(openacl::capi::ToAclError(st.code()))};
  cb(&info);
}

}  // namespace

extern "C" {

aclError aclrtSetDevice(int32_t deviceId) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(openacl::capi::RequireInit("aclrtSetDevice"));
    return DeviceManager::Global().SetDevice(deviceId);
  });
}

aclError aclrtResetDevice(int32_t deviceId) {
  return Guard(__func__, [&] { return DeviceManager::Global().ResetDevice(deviceId); });
}

aclError aclrtGetDevice(int32_t* deviceId) {
  return Guard(__func__, [&]() -> Status {
    if (deviceId == nullptr) return openacl::InvalidParam("deviceId is null");
    ASSIGN_OR_RETURN(*deviceId, DeviceManager::Global().CurrentDevice());
    return Status::Ok();
  });
}

aclError aclrtGetDeviceCount(uint32_t* count) {
  return Guard(__func__, [&]() -> Status {
    if (count == nullptr) return openacl::InvalidParam("count is null");
    *count = DeviceManager::kDeviceCount;
    return Status::Ok();
  });
}

aclError aclrtGetRunMode(aclrtRunMode* runMode) {
  return Guard(__func__, [&]() -> Status {
    if (runMode == nullptr) return openacl::InvalidParam("runMode is null");
    *runMode = ACL_HOST;  // the app is on the host: it copies H2D/D2H like on a PCIe card
    return Status::Ok();
  });
}

aclError aclrtSynchronizeDevice(void) {
  return Guard(__func__, [] { return DeviceManager::Global().SynchronizeDevice(); });
}

aclError aclrtCreateContext(aclrtContext* context, int32_t deviceId) {
  return Guard(__func__, [&]() -> Status {
    if (context == nullptr) return openacl::InvalidParam("context is null");
    RETURN_IF_ERROR(openacl::capi::RequireInit("aclrtCreateContext"));
    ASSIGN_OR_RETURN(auto ctx, DeviceManager::Global().CreateContext(deviceId));
    *context = openacl::capi::EncodeHandle(HandleKind::kContext, ctx->id());
    return Status::Ok();
  });
}

aclError aclrtDestroyContext(aclrtContext context) {
  return Guard(__func__, [&]() -> Status {
    ASSIGN_OR_RETURN(auto ctx, openacl::capi::ContextFromHandle(context));
    return DeviceManager::Global().DestroyContext(ctx->id());
  });
}

aclError aclrtSetCurrentContext(aclrtContext context) {
  return Guard(__func__, [&]() -> Status {
    ASSIGN_OR_RETURN(auto ctx, openacl::capi::ContextFromHandle(context));
    return DeviceManager::Global().SetCurrentContext(ctx->id());
  });
}

aclError aclrtGetCurrentContext(aclrtContext* context) {
  return Guard(__func__, [&]() -> Status {
    if (context == nullptr) return openacl::InvalidParam("context is null");
    ASSIGN_OR_RETURN(auto ctx, DeviceManager::Global().CurrentContext());
    *context = openacl::capi::EncodeHandle(HandleKind::kContext, ctx->id());
    return Status::Ok();
  });
}

aclError aclrtSetExceptionInfoCallback(aclrtExceptionInfoCallback callback) {
  g_exception_callback = callback;
  openacl::device::Stream::SetFailureObserver(callback ? &OnTaskFailure : nullptr);
  return ACL_SUCCESS;
}

uint32_t aclrtGetTaskIdFromExceptionInfo(const aclrtExceptionInfo* info) {
  return info ? info->taskid : 0xFFFFFFFFu;
}
uint32_t aclrtGetStreamIdFromExceptionInfo(const aclrtExceptionInfo* info) {
  return info ? info->streamid : 0xFFFFFFFFu;
}
uint32_t aclrtGetThreadIdFromExceptionInfo(const aclrtExceptionInfo* info) {
  return info ? info->tid : 0xFFFFFFFFu;
}
uint32_t aclrtGetDeviceIdFromExceptionInfo(const aclrtExceptionInfo* info) {
  return info ? info->deviceid : 0xFFFFFFFFu;
}
uint32_t aclrtGetErrorCodeFromExceptionInfo(const aclrtExceptionInfo* info) {
  return info ? info->retcode : 0xFFFFFFFFu;
}

}  // extern "C"
