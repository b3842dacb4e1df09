#include "device/stream.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "device/callback.h"
#include "device/event.h"

namespace openacl::device {
namespace {

TEST(StreamTest, RunsTasksInOrder) {
  Stream s(1);
  std::vector<int> order;
  for (int i = 0; i < 100; ++i) {
    ASSERT_TRUE(s.Enqueue([&order, i] {
                   order.push_back(i);
                   return Status::Ok();
                 }).ok());
  }
  ASSERT_TRUE(s.Synchronize().ok());
  ASSERT_EQ(order.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(order[i], i);
  EXPECT_TRUE(s.Idle());
}

TEST(StreamTest, EnqueueReturnsBeforeTheTaskRuns) {
  Stream s(2);
  std::atomic<bool> release{false}, ran{false};
  ASSERT_TRUE(s.Enqueue([&] {
                 while (!release) std::this_thread::yield();
                 ran = true;
                 return Status::Ok();
               }).ok());
  EXPECT_FALSE(ran);
  EXPECT_FALSE(s.Idle());
  EXPECT_EQ(s.Synchronize(20).code(), StatusCode::kWaitTimeout);
  release = true;
  EXPECT_TRUE(s.Synchronize().ok());
  EXPECT_TRUE(ran);
}

TEST(StreamTest, TaskErrorSurfacesAtSynchronizeOnce) {
  Stream s(3);
  std::atomic<int> after{0};
  ASSERT_TRUE(s.Enqueue([] { return InvalidParam("bad input 7"); }).ok());
  ASSERT_TRUE(s.Enqueue([&] {
                 ++after;
                 return Status::Ok();
               }).ok());
  Status st = s.Synchronize();
  EXPECT_EQ(st.code(), StatusCode::kInvalidParam);
  EXPECT_NE(st.message().find("bad input 7"), std::string::npos);
  EXPECT_EQ(after, 1);                // later tasks still ran
  EXPECT_TRUE(s.Synchronize().ok());  // reported once
}

TEST(StreamTest, ExceptionInTaskBecomesInternalError) {
  Stream s(4);
  ASSERT_TRUE(s.Enqueue([]() -> Status { throw std::runtime_error("boom"); }).ok());
  EXPECT_EQ(s.Synchronize().code(), StatusCode::kInternal);
}

TEST(StreamTest, ShutdownDiscardsPendingWhenForced) {
  Stream s(5);
  std::atomic<bool> release{false};
  std::atomic<int> ran{0};
  ASSERT_TRUE(s.Enqueue([&] {
                 while (!release) std::this_thread::yield();
                 return Status::Ok();
               }).ok());
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(s.Enqueue([&] {
                   ++ran;
                   return Status::Ok();
                 }).ok());
  }
  std::thread t([&] { s.Shutdown(/*discard_pending=*/true); });
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  release = true;
  t.join();
  EXPECT_LT(ran, 10);
  EXPECT_FALSE(s.Enqueue([] { return Status::Ok(); }).ok());
}

TEST(EventTest, RecordSynchronizeAndElapsed) {
  Stream s(6);
  auto e0 = std::make_shared<Event>(10, 0);
  auto e1 = std::make_shared<Event>(11, 0);
  EXPECT_TRUE(e0->NothingPending());
  EXPECT_FALSE(e0->RecordedAndComplete());
  EXPECT_EQ(Event::ElapsedMs(*e0, *e1).status().code(), StatusCode::kEventNotComplete);
  ASSERT_TRUE(e0->Record(&s).ok());
  ASSERT_TRUE(s.Enqueue([] {
                 std::this_thread::sleep_for(std::chrono::milliseconds(20));
                 return Status::Ok();
               }).ok());
  ASSERT_TRUE(e1->Record(&s).ok());
  ASSERT_TRUE(e1->Synchronize().ok());
  EXPECT_TRUE(e0->RecordedAndComplete());
  auto ms = Event::ElapsedMs(*e0, *e1);
  ASSERT_TRUE(ms.ok());
  EXPECT_GE(ms.value(), 19.0f);
  EXPECT_LT(ms.value(), 2000.0f);
  ASSERT_TRUE(e0->Reset(&s).ok());
  ASSERT_TRUE(s.Synchronize().ok());
  EXPECT_FALSE(e0->RecordedAndComplete());
}

TEST(EventTest, StreamWaitsForEventOnAnotherStream) {
  Stream producer(7), consumer(8);
  auto ev = std::make_shared<Event>(12, 0);
  std::atomic<bool> release{false};
  std::atomic<int> value{0};
  ASSERT_TRUE(producer
                  .Enqueue([&] {
                    while (!release) std::this_thread::yield();
                    value = 42;
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_TRUE(ev->Record(&producer).ok());
  ASSERT_TRUE(ev->MakeStreamWait(&consumer).ok());
  int seen = -1;
  ASSERT_TRUE(consumer
                  .Enqueue([&] {
                    seen = value;
                    return Status::Ok();
                  })
                  .ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_FALSE(consumer.Idle());
  release = true;
  ASSERT_TRUE(consumer.Synchronize().ok());
  EXPECT_EQ(seen, 42);
}

TEST(ReportHubTest, CallbacksRunOnTheSubscribedThreadInOrder) {
  Stream s(100);
  ReportHub& hub = ReportHub::Global();
  EXPECT_EQ(hub.Launch(
                   &s, [] {}, true)
                .code(),
            StatusCode::kStreamNotSubscribe);
  std::atomic<bool> stop{false};
  std::atomic<uint64_t> worker_id{0};
  std::vector<int> order;
  std::vector<uint64_t> ran_on;
  std::thread worker([&] {
    worker_id = CurrentThreadId();
    while (!stop) hub.Process(5).IgnoreError();
  });
  while (worker_id == 0) std::this_thread::yield();
  ASSERT_TRUE(hub.Subscribe(worker_id, s.id()).ok());
  EXPECT_EQ(hub.Subscribe(worker_id, s.id()).code(), StatusCode::kRepeatSubscribe);
  std::atomic<int> stream_progress{0};
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(hub.Launch(
                       &s,
                       [&, i] {
                         order.push_back(i);
                         ran_on.push_back(CurrentThreadId());
                         // BLOCK: the task after this callback has not run yet.
                         EXPECT_EQ(stream_progress.load(), i);
                       },
                       /*block=*/true)
                    .ok());
    ASSERT_TRUE(s.Enqueue([&] {
                   ++stream_progress;
                   return Status::Ok();
                 }).ok());
  }
  ASSERT_TRUE(s.Synchronize().ok());
  ASSERT_EQ(order.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(order[i], i);
    EXPECT_EQ(ran_on[i], worker_id.load());
  }
  ASSERT_TRUE(hub.Unsubscribe(worker_id, s.id()).ok());
  EXPECT_EQ(hub.Unsubscribe(worker_id, s.id()).code(), StatusCode::kStreamNotSubscribe);
  stop = true;
  worker.join();
}

TEST(ReportHubTest, ProcessTimesOut) {
  Status st = ReportHub::Global().Process(1);
  EXPECT_EQ(st.code(), StatusCode::kThreadNotSubscribe);
}

}  // namespace
}  // namespace openacl::device
