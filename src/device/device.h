// Devices, contexts, streams and events of the process. Device 0 is the CPU (count 1).
// The current context is per thread (aclrtSetDevice / aclrtSetCurrentContext). Objects are
// found by id; ids are never reused, so a stale handle is an error, not a crash.
#pragma once

#include <cstdint>
#include <memory>

#include "base/status.h"
#include "device/context.h"
#include "device/event.h"
#include "device/stream.h"

namespace openacl::device {

class DeviceManager {
 public:
  static DeviceManager& Global();

  static constexpr uint32_t kDeviceCount = 1;
  static Status CheckDevice(int32_t device_id);

  // Opens the device (ref counted per process), creating its default context and default
  // stream on first use, and makes the default context current for this thread.
  Status SetDevice(int32_t device_id);
  // Drops one reference; at zero, destroys the default context and its streams.
  Status ResetDevice(int32_t device_id);
  Result<int32_t> CurrentDevice();

  // Creates an explicit context and makes it current for this thread.
  Result<std::shared_ptr<Context>> CreateContext(int32_t device_id);
  Status DestroyContext(uint64_t context_id);
  Status SetCurrentContext(uint64_t context_id);
  // The thread's current context; kContextNull when none (or destroyed).
  Result<std::shared_ptr<Context>> CurrentContext();
  std::shared_ptr<Context> FindContext(uint64_t context_id);

  // Streams of the current context.
  Result<std::shared_ptr<Stream>> CreateStream();
  // Waits for (or with force, discards) queued tasks, then destroys the stream.
  Status DestroyStream(uint64_t stream_id, bool force);
  std::shared_ptr<Stream> FindStream(uint64_t stream_id);
  // stream_id 0 = the current context's default stream.
  Result<std::shared_ptr<Stream>> ResolveStream(uint64_t stream_id);

  // Events (need a current context, like on a device).
  Result<std::shared_ptr<Event>> CreateEvent(uint32_t flags);
  Status DestroyEvent(uint64_t event_id);
  std::shared_ptr<Event> FindEvent(uint64_t event_id);

  // Waits for every stream of the current device; returns the first error.
  Status SynchronizeDevice();
  // Destroys every context, stream and event (aclFinalize).
  void Finalize();

 private:
  DeviceManager() = default;
  struct State;
  State& state();
};

}  // namespace openacl::device
