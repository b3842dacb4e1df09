// Streams and events, plus the stream access helpers of stream_access.h.
#include "capi/guard.h"
#include "capi/stream_access.h"
#include "device/device.h"
#include "device/event.h"
#include "device/stream.h"

namespace openacl {

Status EnqueueOnStream(void* stream_handle, std::function<Status()> task) {
  ASSIGN_OR_RETURN(auto stream, capi::StreamFromHandle(stream_handle));
  return stream->Enqueue(std::move(task));
}

Status SynchronizeStreamHandle(void* stream_handle) {
  ASSIGN_OR_RETURN(auto stream, capi::StreamFromHandle(stream_handle));
  return stream->Synchronize();
}

}  // namespace openacl

namespace {

using openacl::Status;
using openacl::capi::EventFromHandle;
using openacl::capi::Guard;
using openacl::capi::HandleKind;
using openacl::capi::StreamFromHandle;
using openacl::device::DeviceManager;

Status CreateStream(aclrtStream* stream) {
  if (stream == nullptr) return openacl::InvalidParam("stream is null");
  ASSIGN_OR_RETURN(auto s, DeviceManager::Global().CreateStream());
  *stream = openacl::capi::EncodeHandle(HandleKind::kStream, s->id());
  return Status::Ok();
}

Status DestroyStream(aclrtStream stream, bool force) {
  if (stream == nullptr) {
    return openacl::InvalidParam("stream is null (the default stream cannot be destroyed)");
  }
  ASSIGN_OR_RETURN(auto s, StreamFromHandle(stream));
  return DeviceManager::Global().DestroyStream(s->id(), force);
}

Status CreateEvent(aclrtEvent* event, uint32_t flag) {
  if (event == nullptr) return openacl::InvalidParam("event is null");
  ASSIGN_OR_RETURN(auto e, DeviceManager::Global().CreateEvent(flag));
  *event = openacl::capi::EncodeHandle(HandleKind::kEvent, e->id());
  return Status::Ok();
}

}  // namespace

extern "C" {

aclError aclrtCreateStream(aclrtStream* stream) {
  return Guard(__func__, [&] { return CreateStream(stream); });
}

aclError aclrtCreateStreamWithConfig(aclrtStream* stream, uint32_t priority, uint32_t flag) {
  // Priority and flags only tune NPU scheduling; one CPU stream serves them all.
  return Guard(__func__, [&] { return CreateStream(stream); });
}

aclError aclrtDestroyStream(aclrtStream stream) {
  return Guard(__func__, [&] { return DestroyStream(stream, /*force=*/false); });
}

aclError aclrtDestroyStreamForce(aclrtStream stream) {
  return Guard(__func__, [&] { return DestroyStream(stream, /*force=*/true); });
}

aclError aclrtSynchronizeStream(aclrtStream stream) {
  return Guard(__func__, [&]() -> Status {
    ASSIGN_OR_RETURN(auto s, StreamFromHandle(stream));
    return s->Synchronize();
  });
}

aclError aclrtSynchronizeStreamWithTimeout(aclrtStream stream, int32_t timeout) {
  return Guard(__func__, [&]() -> Status {
    if (timeout < -1) {
      return openacl::InvalidParam("timeout " + std::to_string(timeout) +
                                   " ms is invalid (-1 = wait forever, >= 0 = milliseconds)");
    }
    ASSIGN_OR_RETURN(auto s, StreamFromHandle(stream));
    return s->Synchronize(timeout);
  });
}

aclError aclrtStreamQuery(aclrtStream stream, aclrtStreamStatus* status) {
  return Guard(__func__, [&]() -> Status {
    if (status == nullptr) return openacl::InvalidParam("status is null");
    ASSIGN_OR_RETURN(auto s, StreamFromHandle(stream));
    *status = s->Idle() ? ACL_STREAM_STATUS_COMPLETE : ACL_STREAM_STATUS_NOT_READY;
    return Status::Ok();
  });
}

aclError aclrtCreateEvent(aclrtEvent* event) {
  return Guard(__func__, [&] { return CreateEvent(event, ACL_EVENT_SYNC); });
}

aclError aclrtCreateEventWithFlag(aclrtEvent* event, uint32_t flag) {
  return Guard(__func__, [&] { return CreateEvent(event, flag); });
}

aclError aclrtDestroyEvent(aclrtEvent event) {
  return Guard(__func__, [&]() -> Status {
    ASSIGN_OR_RETURN(auto e, EventFromHandle(event));
    return DeviceManager::Global().DestroyEvent(e->id());
  });
}

aclError aclrtRecordEvent(aclrtEvent event, aclrtStream stream) {
  return Guard(__func__, [&]() -> Status {
    ASSIGN_OR_RETURN(auto e, EventFromHandle(event));
    ASSIGN_OR_RETURN(auto s, StreamFromHandle(stream));
    return e->Record(s.get());
  });
}

aclError aclrtResetEvent(aclrtEvent event, aclrtStream stream) {
  return Guard(__func__, [&]() -> Status {
    ASSIGN_OR_RETURN(auto e, EventFromHandle(event));
    ASSIGN_OR_RETURN(auto s, StreamFromHandle(stream));
    return e->Reset(s.get());
  });
}

aclError aclrtQueryEvent(aclrtEvent event, aclrtEventStatus* status) {
  return Guard(__func__, [&]() -> Status {
    if (status == nullptr) return openacl::InvalidParam("status is null");
    ASSIGN_OR_RETURN(auto e, EventFromHandle(event));
    *status = e->NothingPending() ? ACL_EVENT_STATUS_COMPLETE : ACL_EVENT_STATUS_NOT_READY;
    return Status::Ok();
  });
}

aclError aclrtQueryEventStatus(aclrtEvent event, aclrtEventRecordedStatus* status) {
  return Guard(__func__, [&]() -> Status {
    if (status == nullptr) return openacl::InvalidParam("status is null");
    ASSIGN_OR_RETURN(auto e, EventFromHandle(event));
    *status = e->RecordedAndComplete() ? ACL_EVENT_RECORDED_STATUS_COMPLETE
                                       : ACL_EVENT_RECORDED_STATUS_NOT_READY;
    return Status::Ok();
  });
}

aclError aclrtSynchronizeEvent(aclrtEvent event) {
  return Guard(__func__, [&]() -> Status {
    ASSIGN_OR_RETURN(auto e, EventFromHandle(event));
    return e->Synchronize();
  });
}

aclError aclrtEventElapsedTime(float* ms, aclrtEvent startEvent, aclrtEvent endEvent) {
  return Guard(__func__, [&]() -> Status {
    if (ms == nullptr) return openacl::InvalidParam("ms is null");
    ASSIGN_OR_RETURN(auto start, EventFromHandle(startEvent));
    ASSIGN_OR_RETURN(auto end, EventFromHandle(endEvent));
    ASSIGN_OR_RETURN(*ms, openacl::device::Event::ElapsedMs(*start, *end));
    return Status::Ok();
  });
}

aclError aclrtStreamWaitEvent(aclrtStream stream, aclrtEvent event) {
  return Guard(__func__, [&]() -> Status {
    ASSIGN_OR_RETURN(auto e, EventFromHandle(event));
    ASSIGN_OR_RETURN(auto s, StreamFromHandle(stream));
    return e->MakeStreamWait(s.get());
  });
}

}  // extern "C"
