// Several threads using contexts, streams, events and memory at once.
#include <atomic>
#include <thread>
#include <vector>

#include "capi_test_env.h"

namespace openacl_test {
namespace {

TEST(RtStressTest, ThreadsWithStreamsAndMemory) {
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
  aclrtContext ctx = nullptr;
  ASSERT_EQ(aclrtGetCurrentContext(&ctx), ACL_SUCCESS);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      auto check = [&](aclError e) {
        if (e != ACL_SUCCESS) ++failures;
      };
      check(aclrtSetCurrentContext(ctx));
      aclrtStream s = nullptr;
      check(aclrtCreateStream(&s));
      aclrtEvent ev = nullptr;
      check(aclrtCreateEvent(&ev));
      for (int iter = 0; iter < 40; ++iter) {
        size_t n = 1024 + 64 * ((t + iter) % 7);
        std::vector<uint8_t> in(n, static_cast<uint8_t>(t * 31 + iter)), out(n, 0);
        void* d = nullptr;
        check(aclrtMalloc(&d, n, ACL_MEM_MALLOC_HUGE_FIRST));
        check(aclrtMemcpyAsync(d, n, in.data(), n, ACL_MEMCPY_HOST_TO_DEVICE, s));
        check(aclrtRecordEvent(ev, s));
        check(aclrtMemcpyAsync(out.data(), n, d, n, ACL_MEMCPY_DEVICE_TO_HOST, s));
        check(aclrtSynchronizeStream(s));
        check(aclrtSynchronizeEvent(ev));
        if (in != out) ++failures;
        check(aclrtFree(d));
      }
      check(aclrtDestroyEvent(ev));
      check(aclrtDestroyStream(s));
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  ASSERT_EQ(aclrtResetDevice(0), ACL_SUCCESS);
}

}  // namespace
}  // namespace openacl_test
