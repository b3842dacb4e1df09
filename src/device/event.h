// An event: a marker recorded into a stream. Each Record bumps a generation; the stream task
// completes that generation and stamps steady_clock time, so Synchronize/Query/ElapsedTime see
// the latest record. Reset (also a stream task) returns the event to "not recorded".
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>

#include "base/status.h"
#include "device/stream.h"

namespace openacl::device {

class Event : public std::enable_shared_from_this<Event> {
 public:
  Event(uint64_t id, uint32_t flags) : id_(id), flags_(flags) {}

  uint64_t id() const { return id_; }
  uint32_t flags() const { return flags_; }

  // Enqueues the record marker on `stream`.
  Status Record(Stream* stream);
  // Enqueues a reset on `stream`.
  Status Reset(Stream* stream);
  // Makes `stream` wait (in stream order) for the latest record made before this call.
  Status MakeStreamWait(Stream* stream);

  // Waits for the latest record to be reached. An event never recorded returns at once.
  Status Synchronize(int32_t timeout_ms = -1);
  // True when recorded (and not reset since) and the record has been reached.
  bool RecordedAndComplete() const;
  // True when no record is pending (never recorded counts as complete).
  bool NothingPending() const;

  // Marks every issued record as reached (teardown), releasing waiting streams.
  void ReleaseWaiters();

  // Milliseconds from start's record to end's record; both must be complete.
  static Result<float> ElapsedMs(const Event& start, const Event& end);

 private:
  using Clock = std::chrono::steady_clock;
  void Complete(uint64_t generation);
  void WaitFor(uint64_t generation);

  const uint64_t id_;
  const uint32_t flags_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  uint64_t issued_ = 0;    // last generation handed to a stream
  uint64_t done_ = 0;      // last generation reached
  uint64_t reset_at_ = 0;  // records <= reset_at_ no longer count as recorded
  Clock::time_point stamp_;
};

}  // namespace openacl::device
