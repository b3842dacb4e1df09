// Devices, contexts, streams and events through the C API (acl-api.md §2.2).
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "capi/stream_access.h"
#include "capi_test_env.h"

namespace openacl_test {
namespace {

TEST(RtDeviceTest, SetDeviceGivesADefaultContext) {
  int32_t dev = -1;
  EXPECT_EQ(aclrtGetDevice(&dev), ACL_ERROR_RT_CONTEXT_NULL);  // this thread has none yet
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);  // ref counted
  ASSERT_EQ(aclrtGetDevice(&dev), ACL_SUCCESS);
  EXPECT_EQ(dev, 0);
  aclrtContext ctx = nullptr;
  ASSERT_EQ(aclrtGetCurrentContext(&ctx), ACL_SUCCESS);
  EXPECT_NE(ctx, nullptr);
  EXPECT_EQ(aclrtDestroyContext(ctx), ACL_ERROR_INVALID_PARAM);  // default context
  EXPECT_EQ(aclrtSetDevice(1), ACL_ERROR_RT_INVALID_DEVICEID);
  EXPECT_EQ(aclrtSetDevice(-1), ACL_ERROR_RT_INVALID_DEVICEID);
  ASSERT_EQ(aclrtResetDevice(0), ACL_SUCCESS);
  ASSERT_EQ(aclrtGetDevice(&dev), ACL_SUCCESS);  // still one reference
  ASSERT_EQ(aclrtResetDevice(0), ACL_SUCCESS);
  EXPECT_EQ(aclrtGetDevice(&dev), ACL_ERROR_RT_CONTEXT_NULL);
  EXPECT_EQ(aclrtResetDevice(0), ACL_ERROR_INVALID_PARAM);
  aclrtStream s = nullptr;
  EXPECT_EQ(aclrtCreateStream(&s), ACL_ERROR_RT_CONTEXT_NULL);
}

TEST(RtDeviceTest, ExplicitContextsAcrossThreads) {
  aclrtContext ctx = nullptr;
  ASSERT_EQ(aclrtCreateContext(&ctx, 0), ACL_SUCCESS);
  aclrtContext cur = nullptr;
  ASSERT_EQ(aclrtGetCurrentContext(&cur), ACL_SUCCESS);
  EXPECT_EQ(cur, ctx);
  aclrtStream stream = nullptr;
  ASSERT_EQ(aclrtCreateStream(&stream), ACL_SUCCESS);
  std::thread t([&] {
    aclrtContext none = nullptr;
    EXPECT_EQ(aclrtGetCurrentContext(&none), ACL_ERROR_RT_CONTEXT_NULL);
    ASSERT_EQ(aclrtSetCurrentContext(ctx), ACL_SUCCESS);
    int32_t dev = -1;
    EXPECT_EQ(aclrtGetDevice(&dev), ACL_SUCCESS);
    EXPECT_EQ(dev, 0);
    EXPECT_EQ(aclrtSynchronizeStream(stream), ACL_SUCCESS);
  });
  t.join();
  EXPECT_EQ(aclrtCreateContext(&ctx, 3), ACL_ERROR_RT_INVALID_DEVICEID);
  EXPECT_EQ(aclrtCreateContext(nullptr, 0), ACL_ERROR_INVALID_PARAM);
  ASSERT_EQ(aclrtDestroyContext(ctx), ACL_SUCCESS);
  // Everything that belonged to the context is gone; stale handles are errors, not crashes.
  EXPECT_EQ(aclrtSynchronizeStream(stream), ACL_ERROR_INVALID_RESOURCE_HANDLE);
  EXPECT_EQ(aclrtDestroyContext(ctx), ACL_ERROR_INVALID_RESOURCE_HANDLE);
  EXPECT_EQ(aclrtSetCurrentContext(ctx), ACL_ERROR_INVALID_RESOURCE_HANDLE);
  EXPECT_EQ(aclrtGetCurrentContext(&cur), ACL_ERROR_RT_CONTEXT_NULL);
  EXPECT_EQ(aclrtSetCurrentContext(nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtSetCurrentContext(reinterpret_cast<aclrtContext>(0x1234)),
            ACL_ERROR_INVALID_RESOURCE_HANDLE);
}

class RtStreamTest : public AclDeviceTest {};

TEST_F(RtStreamTest, CreateSyncQueryDestroy) {
  aclrtStream s = nullptr;
  ASSERT_EQ(aclrtCreateStream(&s), ACL_SUCCESS);
  aclrtStream s2 = nullptr;
  ASSERT_EQ(aclrtCreateStreamWithConfig(&s2, 0, ACL_STREAM_FAST_LAUNCH), ACL_SUCCESS);
  EXPECT_NE(s, s2);
  aclrtStreamStatus st = ACL_STREAM_STATUS_RESERVED;
  ASSERT_EQ(aclrtStreamQuery(s, &st), ACL_SUCCESS);
  EXPECT_EQ(st, ACL_STREAM_STATUS_COMPLETE);
  EXPECT_EQ(aclrtSynchronizeStream(s), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStream(nullptr), ACL_SUCCESS);  // default stream
  EXPECT_EQ(aclrtSynchronizeStreamWithTimeout(s, 100), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStreamWithTimeout(s, -5), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtSynchronizeDevice(), ACL_SUCCESS);
  ASSERT_EQ(aclrtDestroyStream(s), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyStream(s), ACL_ERROR_INVALID_RESOURCE_HANDLE);      // double destroy
  EXPECT_EQ(aclrtSynchronizeStream(s), ACL_ERROR_INVALID_RESOURCE_HANDLE);  // use after destroy
  EXPECT_EQ(aclrtDestroyStream(nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtCreateStream(nullptr), ACL_ERROR_INVALID_PARAM);
  ASSERT_EQ(aclrtDestroyStreamForce(s2), ACL_SUCCESS);
}

TEST_F(RtStreamTest, StreamOrderAndTimeoutWithHostFuncs) {
  aclrtStream s = nullptr;
  ASSERT_EQ(aclrtCreateStream(&s), ACL_SUCCESS);
  static std::atomic<bool> release;
  release = false;
  struct Log {
    std::vector<int> order;
  } log;
  ASSERT_EQ(aclrtLaunchHostFunc(
                s,
                [](void*) {
                  while (!release) std::this_thread::yield();
                },
                nullptr),
            ACL_SUCCESS);
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(aclrtLaunchHostFunc(
                  s,
                  [](void* p) {
                    static_cast<Log*>(p)->order.push_back(
                        static_cast<int>(static_cast<Log*>(p)->order.size()));
                  },
                  &log),
              ACL_SUCCESS);
  }
  aclrtStreamStatus st = ACL_STREAM_STATUS_COMPLETE;
  ASSERT_EQ(aclrtStreamQuery(s, &st), ACL_SUCCESS);
  EXPECT_EQ(st, ACL_STREAM_STATUS_NOT_READY);
  EXPECT_EQ(aclrtSynchronizeStreamWithTimeout(s, 10), ACL_ERROR_RT_STREAM_SYNC_TIMEOUT);
  release = true;
  ASSERT_EQ(aclrtSynchronizeStream(s), ACL_SUCCESS);
  EXPECT_EQ(log.order, (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(aclrtLaunchHostFunc(s, nullptr, nullptr), ACL_ERROR_INVALID_PARAM);
  ASSERT_EQ(aclrtDestroyStream(s), ACL_SUCCESS);
}

TEST_F(RtStreamTest, EventsTimeAndOrderStreams) {
  aclrtStream a = nullptr, b = nullptr;
  ASSERT_EQ(aclrtCreateStream(&a), ACL_SUCCESS);
  ASSERT_EQ(aclrtCreateStream(&b), ACL_SUCCESS);
  aclrtEvent start = nullptr, end = nullptr;
  ASSERT_EQ(aclrtCreateEvent(&start), ACL_SUCCESS);
  ASSERT_EQ(aclrtCreateEventWithFlag(&end, ACL_EVENT_TIME_LINE), ACL_SUCCESS);
  float ms = -1;
  EXPECT_EQ(aclrtEventElapsedTime(&ms, start, end), ACL_ERROR_RT_EVENT_NOT_COMPLETE);
  aclrtEventRecordedStatus rec = ACL_EVENT_RECORDED_STATUS_COMPLETE;
  ASSERT_EQ(aclrtQueryEventStatus(start, &rec), ACL_SUCCESS);
  EXPECT_EQ(rec, ACL_EVENT_RECORDED_STATUS_NOT_READY);
  EXPECT_EQ(aclrtSynchronizeEvent(start), ACL_SUCCESS);  // never recorded: returns at once

  ASSERT_EQ(aclrtRecordEvent(start, a), ACL_SUCCESS);
  ASSERT_EQ(
      aclrtLaunchHostFunc(
          a, [](void*) { std::this_thread::sleep_for(std::chrono::milliseconds(30)); }, nullptr),
      ACL_SUCCESS);
  ASSERT_EQ(aclrtRecordEvent(end, a), ACL_SUCCESS);
  // b waits for `end`: its host func sees a's work done.
  static std::atomic<int> b_saw_done;
  b_saw_done = 0;
  ASSERT_EQ(aclrtStreamWaitEvent(b, end), ACL_SUCCESS);
  ASSERT_EQ(aclrtLaunchHostFunc(
                b,
                [](void* e) {
                  aclrtEventRecordedStatus s = ACL_EVENT_RECORDED_STATUS_NOT_READY;
                  aclrtQueryEventStatus(e, &s);
                  b_saw_done = s == ACL_EVENT_RECORDED_STATUS_COMPLETE ? 1 : -1;
                },
                end),
            ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(b), ACL_SUCCESS);
  EXPECT_EQ(b_saw_done, 1);
  ASSERT_EQ(aclrtSynchronizeEvent(end), ACL_SUCCESS);
  ASSERT_EQ(aclrtEventElapsedTime(&ms, start, end), ACL_SUCCESS);
  EXPECT_GE(ms, 29.0f);
  EXPECT_LT(ms, 5000.0f);
  aclrtEventStatus old = ACL_EVENT_STATUS_NOT_READY;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  ASSERT_EQ(aclrtQueryEvent(end, &old), ACL_SUCCESS);
#pragma GCC diagnostic pop
  EXPECT_EQ(old, ACL_EVENT_STATUS_COMPLETE);
  ASSERT_EQ(aclrtResetEvent(start, a), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(a), ACL_SUCCESS);
  ASSERT_EQ(aclrtQueryEventStatus(start, &rec), ACL_SUCCESS);
  EXPECT_EQ(rec, ACL_EVENT_RECORDED_STATUS_NOT_READY);
  EXPECT_EQ(aclrtEventElapsedTime(nullptr, start, end), ACL_ERROR_INVALID_PARAM);

  ASSERT_EQ(aclrtDestroyEvent(start), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyEvent(start), ACL_ERROR_INVALID_RESOURCE_HANDLE);
  EXPECT_EQ(aclrtRecordEvent(start, a), ACL_ERROR_INVALID_RESOURCE_HANDLE);
  EXPECT_EQ(aclrtRecordEvent(nullptr, a), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtRecordEvent(end, start), ACL_ERROR_INVALID_RESOURCE_HANDLE);  // event as stream
  ASSERT_EQ(aclrtDestroyEvent(end), ACL_SUCCESS);
  ASSERT_EQ(aclrtDestroyStream(a), ACL_SUCCESS);
  ASSERT_EQ(aclrtDestroyStream(b), ACL_SUCCESS);
}

std::atomic<uint32_t> g_exception_code{0};
std::atomic<uint32_t> g_exception_stream{0};

TEST_F(RtStreamTest, TaskErrorsSurfaceAtSynchronizeAndReachTheExceptionCallback) {
  ASSERT_EQ(aclrtSetExceptionInfoCallback([](aclrtExceptionInfo* info) {
              g_exception_code = aclrtGetErrorCodeFromExceptionInfo(info);
              g_exception_stream = aclrtGetStreamIdFromExceptionInfo(info);
              (void)aclrtGetTaskIdFromExceptionInfo(info);
              (void)aclrtGetThreadIdFromExceptionInfo(info);
              (void)aclrtGetDeviceIdFromExceptionInfo(info);
            }),
            ACL_SUCCESS);
  aclrtStream s = nullptr;
  ASSERT_EQ(aclrtCreateStream(&s), ACL_SUCCESS);
  ASSERT_TRUE(openacl::EnqueueOnStream(s, [] {
                return openacl::Status(openacl::StatusCode::kModelInputNotMatch,
                                       "input 0 too small");
              }).ok());
  EXPECT_EQ(aclrtSynchronizeStream(s), ACL_ERROR_MODEL_INPUT_NOT_MATCH);
  EXPECT_NE(RecentError().find("input 0 too small"), std::string::npos);
  EXPECT_EQ(g_exception_code.load(), static_cast<uint32_t>(ACL_ERROR_MODEL_INPUT_NOT_MATCH));
  EXPECT_NE(g_exception_stream.load(), 0u);
  EXPECT_EQ(aclrtSynchronizeStream(s), ACL_SUCCESS);  // reported once
  EXPECT_TRUE(openacl::SynchronizeStreamHandle(s).ok());
  EXPECT_EQ(aclrtGetTaskIdFromExceptionInfo(nullptr), 0xFFFFFFFFu);
  ASSERT_EQ(aclrtSetExceptionInfoCallback(nullptr), ACL_SUCCESS);
  ASSERT_EQ(aclrtDestroyStream(s), ACL_SUCCESS);
  EXPECT_FALSE(openacl::EnqueueOnStream(s, [] { return openacl::Status::Ok(); }).ok());
}

TEST_F(RtStreamTest, ResetDeviceReleasesDefaultContextStreams) {
  aclrtStream s = nullptr;
  ASSERT_EQ(aclrtCreateStream(&s), ACL_SUCCESS);
  ASSERT_EQ(aclrtResetDevice(0), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStream(s), ACL_ERROR_INVALID_RESOURCE_HANDLE);
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);  // for TearDown
}

}  // namespace
}  // namespace openacl_test
