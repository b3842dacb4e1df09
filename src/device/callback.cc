#include "device/callback.h"

#include <pthread.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace openacl::device {

uint64_t CurrentThreadId() { return static_cast<uint64_t>(pthread_self()); }

namespace {

struct Pending {
  std::function<void()> fn;
  bool block = false;
  bool done = false;  // guarded by Impl::mu
};

}  // namespace

struct ReportHub::Impl {
  mutable std::mutex mu;
  std::condition_variable work_cv;  // a thread queue got work (or the hub was cleared)
  std::condition_variable done_cv;  // a blocking callback finished
  std::map<uint64_t, uint64_t> stream_to_thread;
  std::map<uint64_t, std::deque<std::shared_ptr<Pending>>> queues;  // by thread id
  uint64_t epoch = 0;  // bumped by Clear to release waiters

  bool ThreadServesAnyStream(uint64_t tid) const {
    for (const auto& [stream, thread] : stream_to_thread) {
      if (thread == tid) return true;
    }
    return false;
  }
};

ReportHub& ReportHub::Global() {
  static ReportHub* hub = new ReportHub();
  return *hub;
}

ReportHub::Impl& ReportHub::impl() const {
  static Impl* impl = new Impl();
  return *impl;
}

Status ReportHub::Subscribe(uint64_t thread_id, uint64_t stream_id) {
  Impl& s = impl();
  std::lock_guard<std::mutex> lock(s.mu);
  auto it = s.stream_to_thread.find(stream_id);
  if (it != s.stream_to_thread.end()) {
    return Status(StatusCode::kRepeatSubscribe, "stream " + std::to_string(stream_id) +
                                                    " is already subscribed by thread " +
                                                    std::to_string(it->second));
  }
  s.stream_to_thread[stream_id] = thread_id;
  return Status::Ok();
}

Status ReportHub::Unsubscribe(uint64_t thread_id, uint64_t stream_id) {
  Impl& s = impl();
  std::lock_guard<std::mutex> lock(s.mu);
  auto it = s.stream_to_thread.find(stream_id);
  if (it == s.stream_to_thread.end() || it->second != thread_id) {
    return Status(StatusCode::kStreamNotSubscribe, "stream " + std::to_string(stream_id) +
                                                       " is not subscribed by thread " +
                                                       std::to_string(thread_id));
  }
  s.stream_to_thread.erase(it);
  s.work_cv.notify_all();  // a thread left with no stream stops waiting
  return Status::Ok();
}

bool ReportHub::IsSubscribed(uint64_t stream_id) const {
  Impl& s = impl();
  std::lock_guard<std::mutex> lock(s.mu);
  return s.stream_to_thread.count(stream_id) != 0;
}

Status ReportHub::Launch(Stream* stream, std::function<void()> fn, bool block) {
  Impl& s = impl();
  uint64_t stream_id = stream->id();
  {
    std::lock_guard<std::mutex> lock(s.mu);
    if (s.stream_to_thread.count(stream_id) == 0) {
      return Status(StatusCode::kStreamNotSubscribe,
                    "stream " + std::to_string(stream_id) +
                        " has no thread subscribed (call aclrtSubscribeReport first)");
    }
  }
  auto item = std::make_shared<Pending>();
  item->fn = std::move(fn);
  item->block = block;
  return stream->Enqueue([&s, item, stream_id]() -> Status {
    std::unique_lock<std::mutex> lock(s.mu);
    auto it = s.stream_to_thread.find(stream_id);
    if (it == s.stream_to_thread.end()) {
      return Status(StatusCode::kStreamNotSubscribe,
                    "callback reached on stream " + std::to_string(stream_id) +
                        " after its thread unsubscribed; callback dropped");
    }
    s.queues[it->second].push_back(item);
    s.work_cv.notify_all();
    if (item->block) {
      uint64_t epoch = s.epoch;
      s.done_cv.wait(lock, [&] { return item->done || s.epoch != epoch; });
    }
    return Status::Ok();
  });
}

Status ReportHub::Process(int32_t timeout_ms) {
  Impl& s = impl();
  uint64_t tid = CurrentThreadId();
  std::unique_lock<std::mutex> lock(s.mu);
  uint64_t epoch = s.epoch;
  auto ready = [&] {
    auto it = s.queues.find(tid);
    return (it != s.queues.end() && !it->second.empty()) || s.epoch != epoch;
  };
  if (timeout_ms < 0) {
    s.work_cv.wait(lock, [&] { return ready() || !s.ThreadServesAnyStream(tid); });
  } else {
    s.work_cv.wait_for(lock, std::chrono::milliseconds(timeout_ms), ready);
  }
  auto it = s.queues.find(tid);
  if (it == s.queues.end() || it->second.empty()) {
    if (!s.ThreadServesAnyStream(tid)) {
      return Status(StatusCode::kThreadNotSubscribe,
                    "thread " + std::to_string(tid) + " is not subscribed to any stream");
    }
    return Status(StatusCode::kWaitCallbackTimeout,
                  "no callback arrived within " + std::to_string(timeout_ms) + " ms");
  }
  std::deque<std::shared_ptr<Pending>> batch;
  batch.swap(it->second);
  lock.unlock();
  Status result;
  for (auto& item : batch) {
    try {
      item->fn();
    } catch (const std::exception& e) {
      if (result.ok()) result = Internal(std::string("host callback threw: ") + e.what());
    } catch (...) {
      if (result.ok()) result = Internal("host callback threw an unknown exception");
    }
    std::lock_guard<std::mutex> done_lock(s.mu);
    item->done = true;  // release a blocked stream even when the callback failed
    s.done_cv.notify_all();
  }
  return result;
}

void ReportHub::ForgetStream(uint64_t stream_id) {
  Impl& s = impl();
  std::lock_guard<std::mutex> lock(s.mu);
  s.stream_to_thread.erase(stream_id);
  s.work_cv.notify_all();
}

void ReportHub::Clear() {
  Impl& s = impl();
  std::lock_guard<std::mutex> lock(s.mu);
  s.stream_to_thread.clear();
  s.queues.clear();
  ++s.epoch;
  s.work_cv.notify_all();
  s.done_cv.notify_all();
}

}  // namespace openacl::device
