// Host callbacks through the C API (acl-api.md §2.4): the documented subscribe/launch/process
// flow, the thread callbacks run on, BLOCK semantics and misuse.
#include <pthread.h>

#include <atomic>
#include <thread>
#include <vector>

#include "capi_test_env.h"

namespace openacl_test {
namespace {

struct Shared {
  std::atomic<bool> stop{false};
  std::atomic<uint64_t> worker{0};
  aclrtContext ctx = nullptr;
  std::vector<int> order;
  std::vector<uint64_t> threads;
  std::atomic<int> stream_tasks{0};
};

struct CallbackArg {
  Shared* shared;
  int index;
};

void OnCallback(void* p) {
  auto* arg = static_cast<CallbackArg*>(p);
  arg->shared->order.push_back(arg->index);
  arg->shared->threads.push_back(static_cast<uint64_t>(pthread_self()));
  // BLOCK: the host func enqueued after this callback has not run yet.
  EXPECT_EQ(arg->shared->stream_tasks.load(), arg->index);
}

class RtCallbackTest : public AclDeviceTest {};

TEST_F(RtCallbackTest, DocumentedFlowRunsCallbacksOnTheSubscribedThread) {
  Shared shared;
  ASSERT_EQ(aclrtGetCurrentContext(&shared.ctx), ACL_SUCCESS);
  aclrtStream stream = nullptr;
  ASSERT_EQ(aclrtCreateStream(&stream), ACL_SUCCESS);
  EXPECT_EQ(aclrtLaunchCallback(OnCallback, nullptr, ACL_CALLBACK_BLOCK, stream),
            ACL_ERROR_STREAM_NOT_SUBSCRIBE);

  std::thread worker([&] {
    ASSERT_EQ(aclrtSetCurrentContext(shared.ctx), ACL_SUCCESS);
    shared.worker = static_cast<uint64_t>(pthread_self());
    while (!shared.stop) (void)aclrtProcessReport(10);
  });
  while (shared.worker == 0) std::this_thread::yield();
  ASSERT_EQ(aclrtSubscribeReport(shared.worker, stream), ACL_SUCCESS);
  EXPECT_EQ(aclrtSubscribeReport(shared.worker, stream), ACL_ERROR_REPEAT_SUBSCRIBE);

  std::vector<CallbackArg> args;
  for (int i = 0; i < 4; ++i) args.push_back({&shared, i});
  for (int i = 0; i < 4; ++i) {
    ASSERT_EQ(aclrtLaunchCallback(OnCallback, &args[i], ACL_CALLBACK_BLOCK, stream), ACL_SUCCESS);
    ASSERT_EQ(aclrtLaunchHostFunc(
                  stream, [](void* s) { ++static_cast<Shared*>(s)->stream_tasks; }, &shared),
              ACL_SUCCESS);
  }
  ASSERT_EQ(aclrtSynchronizeStream(stream), ACL_SUCCESS);
  ASSERT_EQ(shared.order, (std::vector<int>{0, 1, 2, 3}));
  for (uint64_t t : shared.threads) EXPECT_EQ(t, shared.worker.load());

  // NO_BLOCK callbacks also run on the worker, in order.
  static std::atomic<int> seen;
  seen = 0;
  ASSERT_EQ(aclrtLaunchCallback([](void*) { ++seen; }, nullptr, ACL_CALLBACK_NO_BLOCK, stream),
            ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(stream), ACL_SUCCESS);
  while (seen == 0) std::this_thread::yield();

  ASSERT_EQ(aclrtUnSubscribeReport(shared.worker, stream), ACL_SUCCESS);
  EXPECT_EQ(aclrtUnSubscribeReport(shared.worker, stream), ACL_ERROR_STREAM_NOT_SUBSCRIBE);
  EXPECT_EQ(aclrtLaunchCallback(OnCallback, &args[0], ACL_CALLBACK_BLOCK, stream),
            ACL_ERROR_STREAM_NOT_SUBSCRIBE);
  shared.stop = true;
  worker.join();
  ASSERT_EQ(aclrtDestroyStream(stream), ACL_SUCCESS);
}

TEST_F(RtCallbackTest, Misuse) {
  EXPECT_EQ(aclrtProcessReport(1), ACL_ERROR_THREAD_NOT_SUBSCRIBE);
  EXPECT_EQ(aclrtProcessReport(-7), ACL_ERROR_INVALID_PARAM);
  aclrtStream stream = nullptr;
  ASSERT_EQ(aclrtCreateStream(&stream), ACL_SUCCESS);
  uint64_t me = static_cast<uint64_t>(pthread_self());
  ASSERT_EQ(aclrtSubscribeReport(me, stream), ACL_SUCCESS);
  EXPECT_EQ(aclrtProcessReport(1), ACL_ERROR_WAIT_CALLBACK_TIMEOUT);
  EXPECT_EQ(aclrtLaunchCallback(nullptr, nullptr, ACL_CALLBACK_BLOCK, stream),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(
      aclrtLaunchCallback([](void*) {}, nullptr, static_cast<aclrtCallbackBlockType>(5), stream),
      ACL_ERROR_INVALID_PARAM);
  // NO_BLOCK on our own thread: processed by our next ProcessReport.
  static int hits;
  hits = 0;
  ASSERT_EQ(aclrtLaunchCallback([](void*) { ++hits; }, nullptr, ACL_CALLBACK_NO_BLOCK, stream),
            ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(stream), ACL_SUCCESS);
  ASSERT_EQ(aclrtProcessReport(1000), ACL_SUCCESS);
  EXPECT_EQ(hits, 1);
  ASSERT_EQ(aclrtDestroyStream(stream), ACL_SUCCESS);  // drops the subscription
  EXPECT_EQ(aclrtSubscribeReport(me, stream), ACL_ERROR_INVALID_RESOURCE_HANDLE);
}

}  // namespace
}  // namespace openacl_test
