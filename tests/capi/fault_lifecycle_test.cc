// Faults and misuse of lifecycles (issue 12 §5): unloading a model or destroying a stream,
// dataset or buffer while async work that uses it is queued; aclFinalize / aclrtResetDevice with
// live models, streams and contexts; a callback that blocks; a synchronize that times out;
// double destroy of every handle kind; handles of another (destroyed) context. Each is a clear
// error code (or success, where AscendCL allows it) and never a crash or a hang.
#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

#include "capi_test_env.h"
#include "model_test_util.h"

namespace openacl_test {
namespace {

using Clock = std::chrono::steady_clock;

// A stream task that holds the stream until Open().
struct Gate {
  std::atomic<bool> open{false};
  static void Wait(void* p) {
    auto* g = static_cast<Gate*>(p);
    auto limit = Clock::now() + std::chrono::seconds(20);  // a broken test must not hang forever
    while (!g->open && Clock::now() < limit) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  void Close(aclrtStream s) { ASSERT_EQ(aclrtLaunchHostFunc(s, &Gate::Wait, this), ACL_SUCCESS); }
  // Opens the gate from another thread after `ms` (so a blocking call in this thread returns).
  std::thread OpenLater(int ms) {
    return std::thread([this, ms] {
      std::this_thread::sleep_for(std::chrono::milliseconds(ms));
      open = true;
    });
  }
};

// The relu_add model with device buffers for its datasets.
struct LoadedReluAdd {
  uint32_t id = 0;
  void* in_dev = nullptr;
  void* out_dev = nullptr;
  aclDataBuffer* in_buf = nullptr;
  aclDataBuffer* out_buf = nullptr;
  aclmdlDataset* in = nullptr;
  aclmdlDataset* out = nullptr;
  void Load() {
    std::string path = WriteReluAddOm();
    ASSERT_EQ(aclmdlLoadFromFile(path.c_str(), &id), ACL_SUCCESS) << RecentError();
    ASSERT_EQ(aclrtMalloc(&in_dev, 32, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
    ASSERT_EQ(aclrtMalloc(&out_dev, 32, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
    const float x[8] = {-1, 1, -2, 2, 0, 5, -5, 3};
    ASSERT_EQ(aclrtMemcpy(in_dev, 32, x, 32, ACL_MEMCPY_HOST_TO_DEVICE), ACL_SUCCESS);
    ASSERT_EQ(aclrtMemset(out_dev, 32, 0, 32), ACL_SUCCESS);
    in_buf = aclCreateDataBuffer(in_dev, 32);
    out_buf = aclCreateDataBuffer(out_dev, 32);
    in = aclmdlCreateDataset();
    out = aclmdlCreateDataset();
    ASSERT_EQ(aclmdlAddDatasetBuffer(in, in_buf), ACL_SUCCESS);
    ASSERT_EQ(aclmdlAddDatasetBuffer(out, out_buf), ACL_SUCCESS);
  }
  std::vector<float> Output() {
    std::vector<float> y(8);
    EXPECT_EQ(aclrtMemcpy(y.data(), 32, out_dev, 32, ACL_MEMCPY_DEVICE_TO_HOST), ACL_SUCCESS);
    return y;
  }
};

const std::vector<float> kY = {1, 3, 3, 6, 1, 7, 3, 7};

class FaultLifecycleTest : public AclDeviceTest {};

TEST_F(FaultLifecycleTest, UnloadAndDestroyDatasetsWhileAnAsyncExecuteIsQueued) {
  LoadedReluAdd m;
  m.Load();
  aclrtStream s = nullptr;
  ASSERT_EQ(aclrtCreateStream(&s), ACL_SUCCESS);
  Gate gate;
  gate.Close(s);
  ASSERT_EQ(aclmdlExecuteAsync(m.id, m.in, m.out, s), ACL_SUCCESS) << RecentError();
  // Everything the queued task uses is released by the app before it runs.
  EXPECT_EQ(aclmdlUnload(m.id), ACL_SUCCESS);
  EXPECT_EQ(aclDestroyDataBuffer(m.in_buf), ACL_SUCCESS);
  EXPECT_EQ(aclDestroyDataBuffer(m.out_buf), ACL_SUCCESS);
  EXPECT_EQ(aclmdlDestroyDataset(m.in), ACL_SUCCESS);
  EXPECT_EQ(aclmdlDestroyDataset(m.out), ACL_SUCCESS);
  gate.open = true;
  EXPECT_EQ(aclrtSynchronizeStream(s), ACL_SUCCESS) << RecentError();
  EXPECT_EQ(m.Output(), kY);  // the task kept the model and the buffer addresses
  // The released handles are stale now.
  EXPECT_EQ(aclmdlUnload(m.id), ACL_ERROR_INVALID_MODEL_ID);
  EXPECT_NE(RecentError().find("already unloaded"), std::string::npos);
  EXPECT_EQ(aclmdlExecute(m.id, m.in, m.out), ACL_ERROR_INVALID_MODEL_ID);
  EXPECT_EQ(aclDestroyDataBuffer(m.in_buf), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlDestroyDataset(m.in), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtDestroyStream(s), ACL_SUCCESS);
  EXPECT_EQ(aclrtFree(m.in_dev), ACL_SUCCESS);
  EXPECT_EQ(aclrtFree(m.out_dev), ACL_SUCCESS);
}

TEST_F(FaultLifecycleTest, FreeingDeviceMemoryWhileACopyIntoItIsQueuedDoesNotCrash) {
  aclrtStream s = nullptr;
  ASSERT_EQ(aclrtCreateStream(&s), ACL_SUCCESS);
  void* dev = nullptr;
  ASSERT_EQ(aclrtMalloc(&dev, 4096, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  std::vector<char> host(4096, 1);
  Gate gate;
  gate.Close(s);
  ASSERT_EQ(aclrtMemcpyAsync(dev, 4096, host.data(), 4096, ACL_MEMCPY_HOST_TO_DEVICE, s),
            ACL_SUCCESS);
  ASSERT_EQ(aclrtMemsetAsync(dev, 4096, 0, 4096, s), ACL_SUCCESS);
  ASSERT_EQ(aclrtFree(dev), ACL_SUCCESS);  // app bug: the block is kept (quarantined), not reused
  gate.open = true;
  EXPECT_EQ(aclrtSynchronizeStream(s), ACL_SUCCESS);
  // New work on the freed block is refused at enqueue time.
  EXPECT_EQ(aclrtMemsetAsync(dev, 4096, 0, 4096, s), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtDestroyStream(s), ACL_SUCCESS);
}

TEST_F(FaultLifecycleTest, DestroyingAStreamWithQueuedWorkNeitherCrashesNorHangs) {
  for (bool force : {false, true}) {
    aclrtStream s = nullptr;
    ASSERT_EQ(aclrtCreateStream(&s), ACL_SUCCESS);
    void* dev = nullptr;
    ASSERT_EQ(aclrtMalloc(&dev, 64, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
    Gate gate;
    gate.Close(s);
    for (int i = 0; i < 8; ++i) ASSERT_EQ(aclrtMemsetAsync(dev, 64, i, 64, s), ACL_SUCCESS);
    std::thread opener = gate.OpenLater(50);
    auto t0 = Clock::now();
    EXPECT_EQ(force ? aclrtDestroyStreamForce(s) : aclrtDestroyStream(s), ACL_SUCCESS);
    EXPECT_LT(Clock::now() - t0, std::chrono::seconds(10));
    opener.join();
    EXPECT_EQ(aclrtDestroyStream(s), ACL_ERROR_INVALID_RESOURCE_HANDLE);
    EXPECT_EQ(aclrtMemsetAsync(dev, 64, 0, 64, s), ACL_ERROR_INVALID_RESOURCE_HANDLE);
    EXPECT_EQ(aclrtSynchronizeStream(s), ACL_ERROR_INVALID_RESOURCE_HANDLE);
    EXPECT_EQ(aclrtFree(dev), ACL_SUCCESS);
  }
}

TEST_F(FaultLifecycleTest, SynchronizeWithTimeoutTimesOutAndTheStreamStaysUsable) {
  aclrtStream s = nullptr;
  ASSERT_EQ(aclrtCreateStream(&s), ACL_SUCCESS);
  Gate gate;
  gate.Close(s);
  auto t0 = Clock::now();
  EXPECT_EQ(aclrtSynchronizeStreamWithTimeout(s, 30), ACL_ERROR_RT_STREAM_SYNC_TIMEOUT);
  EXPECT_LT(Clock::now() - t0, std::chrono::seconds(5));
  EXPECT_EQ(aclrtSynchronizeStreamWithTimeout(s, 0), ACL_ERROR_RT_STREAM_SYNC_TIMEOUT);
  gate.open = true;
  EXPECT_EQ(aclrtSynchronizeStreamWithTimeout(s, -1), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStream(s), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyStream(s), ACL_SUCCESS);
}

TEST_F(FaultLifecycleTest, ABlockingCallbackHoldsItsStreamUntilItReturns) {
  aclrtContext ctx = nullptr;
  ASSERT_EQ(aclrtGetCurrentContext(&ctx), ACL_SUCCESS);
  aclrtStream s = nullptr;
  ASSERT_EQ(aclrtCreateStream(&s), ACL_SUCCESS);
  std::atomic<bool> stop{false};
  std::atomic<uint64_t> worker_id{0};
  std::thread worker([&] {
    ASSERT_EQ(aclrtSetCurrentContext(ctx), ACL_SUCCESS);
    worker_id = static_cast<uint64_t>(pthread_self());
    while (!stop) (void)aclrtProcessReport(10);
  });
  while (worker_id == 0) std::this_thread::yield();
  ASSERT_EQ(aclrtSubscribeReport(worker_id, s), ACL_SUCCESS);
  Gate gate;
  ASSERT_EQ(aclrtLaunchCallback(&Gate::Wait, &gate, ACL_CALLBACK_BLOCK, s), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStreamWithTimeout(s, 50), ACL_ERROR_RT_STREAM_SYNC_TIMEOUT);
  gate.open = true;
  EXPECT_EQ(aclrtSynchronizeStream(s), ACL_SUCCESS);
  // A blocked callback while the stream is destroyed: no hang either.
  Gate gate2;
  ASSERT_EQ(aclrtLaunchCallback(&Gate::Wait, &gate2, ACL_CALLBACK_BLOCK, s), ACL_SUCCESS);
  std::thread opener = gate2.OpenLater(50);
  EXPECT_EQ(aclrtUnSubscribeReport(worker_id, s), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyStream(s), ACL_SUCCESS);
  opener.join();
  stop = true;
  worker.join();
}

TEST_F(FaultLifecycleTest, DoubleDestroyOfEveryHandleKindIsAnErrorCode) {
  aclrtStream s = nullptr;
  ASSERT_EQ(aclrtCreateStream(&s), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyStream(s), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyStream(s), ACL_ERROR_INVALID_RESOURCE_HANDLE);
  EXPECT_EQ(aclrtDestroyStreamForce(s), ACL_ERROR_INVALID_RESOURCE_HANDLE);
  aclrtEvent e = nullptr;
  ASSERT_EQ(aclrtCreateEvent(&e), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyEvent(e), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyEvent(e), ACL_ERROR_INVALID_RESOURCE_HANDLE);
  aclrtContext current = nullptr;
  ASSERT_EQ(aclrtGetCurrentContext(&current), ACL_SUCCESS);
  aclrtContext c = nullptr;
  ASSERT_EQ(aclrtCreateContext(&c, 0), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyContext(c), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyContext(c), ACL_ERROR_INVALID_RESOURCE_HANDLE);
  ASSERT_EQ(aclrtSetCurrentContext(current), ACL_SUCCESS);
  aclDataBuffer* b = aclCreateDataBuffer(nullptr, 0);
  EXPECT_EQ(aclDestroyDataBuffer(b), ACL_SUCCESS);
  EXPECT_EQ(aclDestroyDataBuffer(b), ACL_ERROR_INVALID_PARAM);
  aclmdlDataset* ds = aclmdlCreateDataset();
  EXPECT_EQ(aclmdlDestroyDataset(ds), ACL_SUCCESS);
  EXPECT_EQ(aclmdlDestroyDataset(ds), ACL_ERROR_INVALID_PARAM);
  aclmdlDesc* md = aclmdlCreateDesc();
  EXPECT_EQ(aclmdlDestroyDesc(md), ACL_SUCCESS);
  EXPECT_EQ(aclmdlDestroyDesc(md), ACL_ERROR_INVALID_PARAM);
  aclmdlConfigHandle* ch = aclmdlCreateConfigHandle();
  EXPECT_EQ(aclmdlDestroyConfigHandle(ch), ACL_SUCCESS);
  EXPECT_EQ(aclmdlDestroyConfigHandle(ch), ACL_ERROR_INVALID_PARAM);
  aclmdlExecConfigHandle* eh = aclmdlCreateExecConfigHandle();
  EXPECT_EQ(aclmdlDestroyExecConfigHandle(eh), ACL_SUCCESS);
  EXPECT_EQ(aclmdlDestroyExecConfigHandle(eh), ACL_ERROR_INVALID_PARAM);
  const int64_t dims[] = {2};
  aclTensorDesc* td = aclCreateTensorDesc(ACL_FLOAT, 1, dims, ACL_FORMAT_ND);
  aclDestroyTensorDesc(td);
  aclDestroyTensorDesc(td);  // void API: logged, no crash
  EXPECT_NE(RecentError().find("aclTensorDesc"), std::string::npos);
  aclopAttr* attr = aclopCreateAttr();
  aclopDestroyAttr(attr);
  aclopDestroyAttr(attr);
  EXPECT_NE(RecentError().find("aclopAttr"), std::string::npos);
  void* dev = nullptr;
  ASSERT_EQ(aclrtMalloc(&dev, 64, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  EXPECT_EQ(aclrtFree(dev), ACL_SUCCESS);
  EXPECT_EQ(aclrtFree(dev), ACL_ERROR_INVALID_PARAM);
  void* host = nullptr;
  ASSERT_EQ(aclrtMallocHost(&host, 64), ACL_SUCCESS);
  EXPECT_EQ(aclrtFreeHost(host), ACL_SUCCESS);
  EXPECT_EQ(aclrtFreeHost(host), ACL_ERROR_INVALID_PARAM);
  LoadedReluAdd m;
  m.Load();
  EXPECT_EQ(aclmdlUnload(m.id), ACL_SUCCESS);
  EXPECT_EQ(aclmdlUnload(m.id), ACL_ERROR_INVALID_MODEL_ID);
  aclDestroyDataBuffer(m.in_buf);
  aclDestroyDataBuffer(m.out_buf);
  aclmdlDestroyDataset(m.in);
  aclmdlDestroyDataset(m.out);
  aclrtFree(m.in_dev);
  aclrtFree(m.out_dev);
}

TEST_F(FaultLifecycleTest, HandlesOfADestroyedContextAreStale) {
  aclrtContext mine = nullptr;
  ASSERT_EQ(aclrtGetCurrentContext(&mine), ACL_SUCCESS);
  aclrtContext other = nullptr;
  ASSERT_EQ(aclrtCreateContext(&other, 0), ACL_SUCCESS);  // becomes current
  aclrtStream s = nullptr;
  ASSERT_EQ(aclrtCreateStream(&s), ACL_SUCCESS);
  aclrtEvent e = nullptr;
  ASSERT_EQ(aclrtCreateEvent(&e), ACL_SUCCESS);
  // Another thread, current on `other`, loses its context when this one destroys it.
  std::promise<aclError> after;
  std::atomic<bool> current{false}, destroyed{false};
  std::thread t([&] {
    // EXPECT, not ASSERT: the promise is set on every path, so the test cannot hang.
    EXPECT_EQ(aclrtSetCurrentContext(other), ACL_SUCCESS);
    current = true;
    while (!destroyed) std::this_thread::yield();
    void* p = nullptr;
    after.set_value(aclrtMalloc(&p, 16, ACL_MEM_MALLOC_HUGE_FIRST));
  });
  while (!current) std::this_thread::yield();  // `other` is t's context before it is destroyed
  ASSERT_EQ(aclrtSetCurrentContext(mine), ACL_SUCCESS);
  Gate gate;
  gate.Close(s);
  std::thread opener = gate.OpenLater(30);
  ASSERT_EQ(aclrtDestroyContext(other), ACL_SUCCESS);  // with its stream (and queued work)
  opener.join();
  destroyed = true;
  t.join();
  EXPECT_EQ(after.get_future().get(), ACL_ERROR_RT_CONTEXT_NULL);
  EXPECT_EQ(aclrtSetCurrentContext(other), ACL_ERROR_INVALID_RESOURCE_HANDLE);
  EXPECT_EQ(aclrtSynchronizeStream(s), ACL_ERROR_INVALID_RESOURCE_HANDLE);
  EXPECT_EQ(aclrtRecordEvent(e, s), ACL_ERROR_INVALID_RESOURCE_HANDLE);
  EXPECT_EQ(aclrtDestroyEvent(e), ACL_SUCCESS);  // events outlive their context
  void* p = nullptr;
  ASSERT_EQ(aclrtMalloc(&p, 16, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);  // `mine` still works
  EXPECT_EQ(aclrtFree(p), ACL_SUCCESS);
}

TEST(FaultTeardownTest, ResetDeviceWithLiveStreamsAndQueuedWork) {
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
  aclrtStream s = nullptr;
  ASSERT_EQ(aclrtCreateStream(&s), ACL_SUCCESS);
  aclrtContext extra = nullptr;
  ASSERT_EQ(aclrtCreateContext(&extra, 0), ACL_SUCCESS);
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);  // back on the default context (refs: 2)
  Gate gate;
  gate.Close(s);
  std::thread opener = gate.OpenLater(30);
  EXPECT_EQ(aclrtResetDevice(0), ACL_SUCCESS);  // one reference left
  EXPECT_EQ(aclrtResetDevice(0), ACL_SUCCESS);  // releases the default context and `s`
  opener.join();
  EXPECT_EQ(aclrtResetDevice(0), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtSynchronizeStream(s), ACL_ERROR_INVALID_RESOURCE_HANDLE);
  // The explicit context lives on until destroyed.
  EXPECT_EQ(aclrtSetCurrentContext(extra), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyContext(extra), ACL_SUCCESS);
}

TEST(FaultTeardownTest, FinalizeWithLiveModelsStreamsContextsAndQueuedWork) {
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
  LoadedReluAdd m;
  m.Load();
  aclrtContext ctx = nullptr;
  ASSERT_EQ(aclrtCreateContext(&ctx, 0), ACL_SUCCESS);
  aclrtStream s = nullptr;
  ASSERT_EQ(aclrtCreateStream(&s), ACL_SUCCESS);
  aclrtEvent e = nullptr;
  ASSERT_EQ(aclrtCreateEvent(&e), ACL_SUCCESS);
  void* host = nullptr;
  ASSERT_EQ(aclrtMallocHost(&host, 64), ACL_SUCCESS);
  Gate gate;
  gate.Close(s);
  ASSERT_EQ(aclmdlExecuteAsync(m.id, m.in, m.out, s), ACL_SUCCESS);
  std::thread opener = gate.OpenLater(30);
  auto t0 = Clock::now();
  EXPECT_EQ(aclFinalize(), ACL_SUCCESS);
  EXPECT_LT(Clock::now() - t0, std::chrono::seconds(10));
  opener.join();
  // Everything was released; the old handles are errors, not crashes.
  EXPECT_EQ(aclmdlUnload(m.id), ACL_ERROR_INVALID_MODEL_ID);
  EXPECT_EQ(aclrtDestroyStream(s), ACL_ERROR_INVALID_RESOURCE_HANDLE);
  ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
  EXPECT_EQ(aclrtDestroyStream(s), ACL_ERROR_INVALID_RESOURCE_HANDLE);
  EXPECT_EQ(aclrtDestroyEvent(e), ACL_ERROR_INVALID_RESOURCE_HANDLE);
  EXPECT_EQ(aclrtDestroyContext(ctx), ACL_ERROR_INVALID_RESOURCE_HANDLE);
  EXPECT_EQ(aclrtFreeHost(host), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtFree(m.in_dev), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlExecute(m.id, m.in, m.out), ACL_ERROR_INVALID_MODEL_ID);
  // The datasets and buffers are app-side structs that survive aclFinalize.
  EXPECT_EQ(aclDestroyDataBuffer(m.in_buf), ACL_SUCCESS);
  EXPECT_EQ(aclDestroyDataBuffer(m.out_buf), ACL_SUCCESS);
  EXPECT_EQ(aclmdlDestroyDataset(m.in), ACL_SUCCESS);
  EXPECT_EQ(aclmdlDestroyDataset(m.out), ACL_SUCCESS);
  // And the runtime works again.
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
  LoadedReluAdd again;
  again.Load();
  EXPECT_EQ(aclmdlExecute(again.id, again.in, again.out), ACL_SUCCESS);
  EXPECT_EQ(again.Output(), kY);
  EXPECT_EQ(aclmdlUnload(again.id), ACL_SUCCESS);
  aclDestroyDataBuffer(again.in_buf);
  aclDestroyDataBuffer(again.out_buf);
  aclmdlDestroyDataset(again.in);
  aclmdlDestroyDataset(again.out);
  aclrtFree(again.in_dev);
  aclrtFree(again.out_dev);
  EXPECT_EQ(aclrtResetDevice(0), ACL_SUCCESS);
}

}  // namespace
}  // namespace openacl_test
