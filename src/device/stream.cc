#include "device/stream.h"

#include <atomic>
#include <chrono>
#include <exception>
#include <new>

namespace openacl::device {
namespace {
std::atomic<Stream::FailureObserver> g_failure_observer{nullptr};
}

void Stream::SetFailureObserver(FailureObserver observer) { g_failure_observer = observer; }

Stream::Stream(uint64_t id) : id_(id) {}

Stream::~Stream() { Shutdown(/*discard_pending=*/false); }

Status Stream::Enqueue(Task task) {
  if (!task) return InvalidParam("stream " + std::to_string(id_) + ": empty task");
  std::unique_lock<std::mutex> lock(mu_);
  if (stopping_) {
    return Status(StatusCode::kInvalidResourceHandle,
                  "stream " + std::to_string(id_) + " is being destroyed");
  }
  if (!worker_.joinable()) worker_ = std::thread([this] { WorkerLoop(); });
  queue_.push_back(std::move(task));
  ++enqueued_;
  lock.unlock();
  task_cv_.notify_one();
  return Status::Ok();
}

void Stream::WorkerLoop() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    task_cv_.wait(lock, [this] { return !queue_.empty() || stopping_; });
    if (queue_.empty()) return;  // stopping and drained
    Task task = std::move(queue_.front());
    queue_.pop_front();
    uint64_t index = completed_;
    lock.unlock();
    Status st;
    try {
      st = task();
    } catch (const std::bad_alloc&) {
      st = Status(StatusCode::kBadAlloc, "out of host memory in a stream task");
    } catch (const std::exception& e) {
      st = Internal(std::string("stream task threw: ") + e.what());
    } catch (...) {
      st = Internal("stream task threw an unknown exception");
    }
    task = nullptr;  // release captures before reporting completion
    if (!st.ok()) {
      if (FailureObserver observer = g_failure_observer.load()) observer(id_, index, st);
    }
    lock.lock();
    if (!st.ok() && first_error_.ok()) {
      first_error_ =
          st.WithContext("task " + std::to_string(index) + " on stream " + std::to_string(id_));
    }
    ++completed_;
    done_cv_.notify_all();
  }
}

Status Stream::Synchronize(int32_t timeout_ms) {
  std::unique_lock<std::mutex> lock(mu_);
  uint64_t target = enqueued_;
  auto reached = [this, target] { return completed_ >= target; };
  if (timeout_ms < 0) {
    done_cv_.wait(lock, reached);
  } else if (!done_cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms), reached)) {
    return Status(StatusCode::kWaitTimeout,
                  "stream " + std::to_string(id_) + " did not finish within " +
                      std::to_string(timeout_ms) + " ms (" + std::to_string(target - completed_) +
                      " tasks pending)");
  }
  Status st = first_error_;
  first_error_ = Status::Ok();
  return st;
}

bool Stream::Idle() const {
  std::lock_guard<std::mutex> lock(mu_);
  return completed_ >= enqueued_;
}

void Stream::Shutdown(bool discard_pending) {
  std::unique_lock<std::mutex> lock(mu_);
  if (stopping_) {  // another caller is shutting down: wait for it
    done_cv_.wait(lock, [this] { return shut_down_; });
    return;
  }
  stopping_ = true;
  if (discard_pending) {
    completed_ += queue_.size();
    queue_.clear();
  }
  lock.unlock();
  task_cv_.notify_all();
  if (worker_.joinable()) {
    worker_.join();  // a task must not destroy its own stream
  }
  lock.lock();
  shut_down_ = true;
  done_cv_.notify_all();
}

}  // namespace openacl::device
