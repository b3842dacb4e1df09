#include "device/device.h"

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "device/callback.h"

namespace openacl::device {

struct DeviceManager::State {
  std::mutex mu;
  uint64_t next_id = 1;
  int device_refs = 0;
  std::shared_ptr<Context> default_context;
  std::map<uint64_t, std::shared_ptr<Context>> contexts;  // default and explicit
  std::map<uint64_t, std::shared_ptr<Stream>> streams;    // explicit streams only
  std::map<uint64_t, uint64_t> stream_context;            // stream id -> context id
  std::map<uint64_t, std::shared_ptr<Event>> events;

  std::shared_ptr<Context> NewContext(int32_t device, bool is_default) {
    uint64_t stream_id = next_id++;
    auto ctx = std::make_shared<Context>(next_id++, device, is_default,
                                         std::make_shared<Stream>(stream_id));
    contexts[ctx->id()] = ctx;
    return ctx;
  }

  // Unregisters a context and its streams; the caller shuts them down outside the lock.
  std::vector<std::shared_ptr<Stream>> RemoveContext(const std::shared_ptr<Context>& ctx) {
    std::vector<std::shared_ptr<Stream>> doomed{ctx->default_stream()};
    for (auto& [id, stream] : ctx->streams_) {
      doomed.push_back(stream);
      streams.erase(id);
      stream_context.erase(id);
    }
    ctx->streams_.clear();
    contexts.erase(ctx->id());
    return doomed;
  }
};

namespace {

thread_local std::weak_ptr<Context> t_current;

void ShutDownStreams(const std::vector<std::shared_ptr<Stream>>& streams, bool force) {
  for (const auto& s : streams) {
    ReportHub::Global().ForgetStream(s->id());
    s->Shutdown(force);
  }
}

}  // namespace

DeviceManager& DeviceManager::Global() {
  static DeviceManager* manager = new DeviceManager();
  return *manager;
}

DeviceManager::State& DeviceManager::state() {
  static State* s = new State();
  return *s;
}

Status DeviceManager::CheckDevice(int32_t device_id) {
  if (device_id < 0 || static_cast<uint32_t>(device_id) >= kDeviceCount) {
    return Status(StatusCode::kInvalidDevice,
                  "device id " + std::to_string(device_id) + " is invalid: openacl has " +
                      std::to_string(kDeviceCount) + " device (id 0, the CPU)");
  }
  return Status::Ok();
}

Status DeviceManager::SetDevice(int32_t device_id) {
  RETURN_IF_ERROR(CheckDevice(device_id));
  State& s = state();
  std::lock_guard<std::mutex> lock(s.mu);
  if (!s.default_context) s.default_context = s.NewContext(device_id, /*is_default=*/true);
  ++s.device_refs;
  t_current = s.default_context;
  return Status::Ok();
}

Status DeviceManager::ResetDevice(int32_t device_id) {
  RETURN_IF_ERROR(CheckDevice(device_id));
  State& s = state();
  std::vector<std::shared_ptr<Stream>> doomed;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    if (s.device_refs == 0) {
      return InvalidParam("device " + std::to_string(device_id) +
                          " is not set (aclrtResetDevice without aclrtSetDevice)");
    }
    if (--s.device_refs > 0) return Status::Ok();
    doomed = s.RemoveContext(s.default_context);
    s.default_context.reset();
  }
  ShutDownStreams(doomed, /*force=*/false);
  return Status::Ok();
}

Result<std::shared_ptr<Context>> DeviceManager::CurrentContext() {
  std::shared_ptr<Context> ctx = t_current.lock();
  if (ctx) {
    State& s = state();
    std::lock_guard<std::mutex> lock(s.mu);
    if (s.contexts.count(ctx->id())) return ctx;
  }
  return Status(StatusCode::kContextNull,
                "this thread has no current context (call aclrtSetDevice or "
                "aclrtSetCurrentContext first)");
}

Result<int32_t> DeviceManager::CurrentDevice() {
  ASSIGN_OR_RETURN(std::shared_ptr<Context> ctx, CurrentContext());
  return ctx->device_id();
}

Result<std::shared_ptr<Context>> DeviceManager::CreateContext(int32_t device_id) {
  RETURN_IF_ERROR(CheckDevice(device_id));
  State& s = state();
  std::lock_guard<std::mutex> lock(s.mu);
  auto ctx = s.NewContext(device_id, /*is_default=*/false);
  t_current = ctx;
  return ctx;
}

std::shared_ptr<Context> DeviceManager::FindContext(uint64_t context_id) {
  State& s = state();
  std::lock_guard<std::mutex> lock(s.mu);
  auto it = s.contexts.find(context_id);
  return it == s.contexts.end() ? nullptr : it->second;
}

Status DeviceManager::DestroyContext(uint64_t context_id) {
  State& s = state();
  std::vector<std::shared_ptr<Stream>> doomed;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    auto it = s.contexts.find(context_id);
    if (it == s.contexts.end()) {
      return Status(StatusCode::kInvalidResourceHandle,
                    "context " + std::to_string(context_id) + " does not exist (destroyed?)");
    }
    if (it->second->is_default()) {
      return InvalidParam("context " + std::to_string(context_id) +
                          " is a default context; release it with aclrtResetDevice");
    }
    doomed = s.RemoveContext(it->second);
  }
  ShutDownStreams(doomed, /*force=*/false);
  return Status::Ok();
}

Status DeviceManager::SetCurrentContext(uint64_t context_id) {
  std::shared_ptr<Context> ctx = FindContext(context_id);
  if (!ctx) {
    return Status(StatusCode::kInvalidResourceHandle,
                  "context " + std::to_string(context_id) + " does not exist (destroyed?)");
  }
  t_current = ctx;
  return Status::Ok();
}

Result<std::shared_ptr<Stream>> DeviceManager::CreateStream() {
  ASSIGN_OR_RETURN(std::shared_ptr<Context> ctx, CurrentContext());
  State& s = state();
  std::lock_guard<std::mutex> lock(s.mu);
  if (!s.contexts.count(ctx->id())) {
    return Status(StatusCode::kContextNull, "the current context was destroyed");
  }
  auto stream = std::make_shared<Stream>(s.next_id++);
  ctx->streams_[stream->id()] = stream;
  s.streams[stream->id()] = stream;
  s.stream_context[stream->id()] = ctx->id();
  return stream;
}

Status DeviceManager::DestroyStream(uint64_t stream_id, bool force) {
  State& s = state();
  std::shared_ptr<Stream> stream;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    auto it = s.streams.find(stream_id);
    if (it == s.streams.end()) {
      return Status(StatusCode::kInvalidResourceHandle,
                    "stream " + std::to_string(stream_id) + " does not exist (destroyed?)");
    }
    stream = it->second;
    s.streams.erase(it);
    auto owner = s.stream_context.find(stream_id);
    if (owner != s.stream_context.end()) {
      auto ctx = s.contexts.find(owner->second);
      if (ctx != s.contexts.end()) ctx->second->streams_.erase(stream_id);
      s.stream_context.erase(owner);
    }
  }
  ShutDownStreams({stream}, force);
  return Status::Ok();
}

std::shared_ptr<Stream> DeviceManager::FindStream(uint64_t stream_id) {
  State& s = state();
  std::lock_guard<std::mutex> lock(s.mu);
  auto it = s.streams.find(stream_id);
  return it == s.streams.end() ? nullptr : it->second;
}

Result<std::shared_ptr<Stream>> DeviceManager::ResolveStream(uint64_t stream_id) {
  if (stream_id == 0) {
    ASSIGN_OR_RETURN(std::shared_ptr<Context> ctx, CurrentContext());
    return ctx->default_stream();
  }
  std::shared_ptr<Stream> stream = FindStream(stream_id);
  if (!stream) {
    return Status(StatusCode::kInvalidResourceHandle,
                  "stream " + std::to_string(stream_id) + " does not exist (destroyed?)");
  }
  return stream;
}

Result<std::shared_ptr<Event>> DeviceManager::CreateEvent(uint32_t flags) {
  RETURN_IF_ERROR(CurrentContext().status());
  State& s = state();
  std::lock_guard<std::mutex> lock(s.mu);
  auto event = std::make_shared<Event>(s.next_id++, flags);
  s.events[event->id()] = event;
  return event;
}

Status DeviceManager::DestroyEvent(uint64_t event_id) {
  State& s = state();
  std::lock_guard<std::mutex> lock(s.mu);
  if (s.events.erase(event_id) == 0) {
    return Status(StatusCode::kInvalidResourceHandle,
                  "event " + std::to_string(event_id) + " does not exist (destroyed?)");
  }
  return Status::Ok();
}

std::shared_ptr<Event> DeviceManager::FindEvent(uint64_t event_id) {
  State& s = state();
  std::lock_guard<std::mutex> lock(s.mu);
  auto it = s.events.find(event_id);
  return it == s.events.end() ? nullptr : it->second;
}

Status DeviceManager::SynchronizeDevice() {
  std::vector<std::shared_ptr<Stream>> all;
  {
    State& s = state();
    std::lock_guard<std::mutex> lock(s.mu);
    for (auto& [id, ctx] : s.contexts) all.push_back(ctx->default_stream());
    for (auto& [id, stream] : s.streams) all.push_back(stream);
  }
  Status first;
  for (auto& stream : all) {
    Status st = stream->Synchronize();
    if (first.ok() && !st.ok()) first = st;
  }
  return first;
}

void DeviceManager::Finalize() {
  State& s = state();
  std::vector<std::shared_ptr<Stream>> doomed;
  std::map<uint64_t, std::shared_ptr<Event>> events;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    std::vector<std::shared_ptr<Context>> contexts;
    for (auto& [id, ctx] : s.contexts) contexts.push_back(ctx);
    for (auto& ctx : contexts) {
      auto part = s.RemoveContext(ctx);
      doomed.insert(doomed.end(), part.begin(), part.end());
    }
    s.default_context.reset();
    s.device_refs = 0;
    events.swap(s.events);
  }
  ReportHub::Global().Clear();
  for (auto& [id, event] : events) event->ReleaseWaiters();
  ShutDownStreams(doomed, /*force=*/true);
}

}  // namespace openacl::device
