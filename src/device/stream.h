// An in-order task queue run by its own worker thread (started on first use). Enqueue returns
// at once; Synchronize waits for everything enqueued before it and reports the first task error
// since the previous Synchronize. A failing task does not stop later tasks.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "base/status.h"

namespace openacl::device {

class Stream {
 public:
  using Task = std::function<Status()>;
  // Called on the worker thread when a task fails (aclrtSetExceptionInfoCallback).
  using FailureObserver = void (*)(uint64_t stream_id, uint64_t task_index, const Status& st);

  explicit Stream(uint64_t id);
  ~Stream();  // Drains queued tasks, then joins the worker.
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;

  uint64_t id() const { return id_; }

  // Appends a task. Fails only when the stream has been shut down.
  Status Enqueue(Task task);
  // Waits for the tasks enqueued so far. timeout_ms < 0 waits forever; on timeout returns
  // kWaitTimeout (the tasks keep running). Returns and clears the first task error.
  Status Synchronize(int32_t timeout_ms = -1);
  // True when every enqueued task has finished.
  bool Idle() const;
  // Stops accepting tasks. discard_pending drops tasks not yet started; otherwise they run.
  // Waits for the worker to finish. Idempotent.
  void Shutdown(bool discard_pending);

  static void SetFailureObserver(FailureObserver observer);

 private:
  void WorkerLoop();

  const uint64_t id_;
  mutable std::mutex mu_;
  std::condition_variable task_cv_;
  std::condition_variable done_cv_;
  std::deque<Task> queue_;
  uint64_t enqueued_ = 0;
  uint64_t completed_ = 0;
  bool stopping_ = false;
  bool shut_down_ = false;
  Status first_error_;
  std::thread worker_;
};

}  // namespace openacl::device
