// Host callbacks (aclrtSubscribeReport / aclrtLaunchCallback / aclrtProcessReport).
// A stream is bound to one processing thread (pthread_self() as uint64). A launched callback is
// a stream task that, when reached, hands the function to that thread's queue; the thread runs
// it inside ProcessReport. A blocking callback holds the stream until it has run.
#pragma once

#include <cstdint>
#include <functional>

#include "base/status.h"
#include "device/stream.h"

namespace openacl::device {

// The calling thread's id as AscendCL apps compute it (pthread_t on Linux).
uint64_t CurrentThreadId();

class ReportHub {
 public:
  static ReportHub& Global();

  // kRepeatSubscribe when the stream already has a processing thread.
  Status Subscribe(uint64_t thread_id, uint64_t stream_id);
  // kStreamNotSubscribe when the stream is not bound to that thread.
  Status Unsubscribe(uint64_t thread_id, uint64_t stream_id);
  bool IsSubscribed(uint64_t stream_id) const;
  // Enqueues the callback task on `stream`; kStreamNotSubscribe if nobody processes it.
  Status Launch(Stream* stream, std::function<void()> fn, bool block);
  // Runs the callbacks pending for the calling thread, waiting up to timeout_ms (-1 = forever)
  // for the first one. kWaitCallbackTimeout when none came (kThreadNotSubscribe when the thread
  // serves no stream).
  Status Process(int32_t timeout_ms);
  // Drops the subscription of a destroyed stream.
  void ForgetStream(uint64_t stream_id);
  // Drops everything (aclFinalize). Pending blocking callbacks are released unrun.
  void Clear();

 private:
  ReportHub() = default;
  struct Impl;
  Impl& impl() const;
};

}  // namespace openacl::device
