#include "device/event.h"

#include <string>

namespace openacl::device {

Status Event::Record(Stream* stream) {
  uint64_t generation;
  {
    std::lock_guard<std::mutex> lock(mu_);
    generation = ++issued_;
  }
  auto self = shared_from_this();
  Status st = stream->Enqueue([self, generation] {
    self->Complete(generation);
    return Status::Ok();
  });
  if (!st.ok()) Complete(generation);  // never leave a generation that nobody completes
  return st;
}

void Event::Complete(uint64_t generation) {
  std::lock_guard<std::mutex> lock(mu_);
  if (generation > done_) {
    done_ = generation;
    stamp_ = Clock::now();
  }
  cv_.notify_all();
}

Status Event::Reset(Stream* stream) {
  auto self = shared_from_this();
  return stream->Enqueue([self] {
    std::lock_guard<std::mutex> lock(self->mu_);
    self->reset_at_ = self->done_;
    return Status::Ok();
  });
}

void Event::ReleaseWaiters() {
  std::lock_guard<std::mutex> lock(mu_);
  done_ = issued_;
  cv_.notify_all();
}

void Event::WaitFor(uint64_t generation) {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return done_ >= generation; });
}

Status Event::MakeStreamWait(Stream* stream) {
  uint64_t generation;
  {
    std::lock_guard<std::mutex> lock(mu_);
    generation = issued_;
    if (done_ >= generation) return Status::Ok();  // nothing outstanding to wait for
  }
  auto self = shared_from_this();
  return stream->Enqueue([self, generation] {
    self->WaitFor(generation);
    return Status::Ok();
  });
}

Status Event::Synchronize(int32_t timeout_ms) {
  std::unique_lock<std::mutex> lock(mu_);
  uint64_t target = issued_;
  auto reached = [&] { return done_ >= target; };
  if (timeout_ms < 0) {
    cv_.wait(lock, reached);
  } else if (!cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms), reached)) {
    return Status(StatusCode::kWaitTimeout, "event " + std::to_string(id_) +
                                                " not reached within " +
                                                std::to_string(timeout_ms) + " ms");
  }
  return Status::Ok();
}

bool Event::RecordedAndComplete() const {
  std::lock_guard<std::mutex> lock(mu_);
  return issued_ > reset_at_ && done_ >= issued_;
}

bool Event::NothingPending() const {
  std::lock_guard<std::mutex> lock(mu_);
  return done_ >= issued_;
}

Result<float> Event::ElapsedMs(const Event& start, const Event& end) {
  Clock::time_point t0, t1;
  for (const Event* e : {&start, &end}) {
    std::lock_guard<std::mutex> lock(e->mu_);
    if (e->issued_ <= e->reset_at_ || e->done_ < e->issued_) {
      return Status(StatusCode::kEventNotComplete,
                    "event " + std::to_string(e->id_) +
                        (e->issued_ <= e->reset_at_ ? " has not been recorded"
                                                    : " has not been reached in its stream yet"));
    }
    (e == &start ? t0 : t1) = e->stamp_;
  }
  return std::chrono::duration<float, std::milli>(t1 - t0).count();
}

}  // namespace openacl::device
