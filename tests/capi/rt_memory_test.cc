// Memory API: allocation, checked copies, memsets, async copies (acl-api.md §2.3, §8).
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "capi_test_env.h"

namespace openacl_test {
namespace {

class RtMemoryTest : public AclDeviceTest {};

TEST_F(RtMemoryTest, MallocFreeAndMemInfo) {
  size_t free0 = 0, total = 0;
  ASSERT_EQ(aclrtGetMemInfo(ACL_HBM_MEM, &free0, &total), ACL_SUCCESS);
  EXPECT_GT(total, 0u);
  void* a = nullptr;
  void* b = nullptr;
  void* c = nullptr;
  ASSERT_EQ(aclrtMalloc(&a, 1000, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  ASSERT_EQ(aclrtMallocCached(&b, 10, ACL_MEM_MALLOC_NORMAL_ONLY), ACL_SUCCESS);
  ASSERT_EQ(aclrtMallocAlign32(&c, 33, ACL_MEM_MALLOC_HUGE_ONLY), ACL_SUCCESS);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(a) % 64, 0u);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(c) % 32, 0u);
  size_t free1 = 0;
  ASSERT_EQ(aclrtGetMemInfo(ACL_DDR_MEM, &free1, &total), ACL_SUCCESS);
  EXPECT_LE(free1 + 1000, free0);
  EXPECT_EQ(aclrtMalloc(&a, 0, ACL_MEM_MALLOC_HUGE_FIRST), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtMalloc(nullptr, 8, ACL_MEM_MALLOC_HUGE_FIRST), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtGetMemInfo(static_cast<aclrtMemAttr>(99), &free1, &total),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtMemFlush(a, 1000), ACL_SUCCESS);
  EXPECT_EQ(aclrtMemInvalidate(a, 1000), ACL_SUCCESS);
  ASSERT_EQ(aclrtFree(a), ACL_SUCCESS);
  EXPECT_EQ(aclrtFree(a), ACL_ERROR_INVALID_PARAM);  // double free
  EXPECT_NE(RecentError().find("already freed"), std::string::npos);
  EXPECT_EQ(aclrtFree(static_cast<char*>(b) + 4), ACL_ERROR_INVALID_PARAM);  // interior
  int local = 0;
  EXPECT_EQ(aclrtFree(&local), ACL_ERROR_INVALID_PARAM);
  ASSERT_EQ(aclrtFree(b), ACL_SUCCESS);
  ASSERT_EQ(aclrtFree(c), ACL_SUCCESS);
  EXPECT_EQ(aclrtFree(nullptr), ACL_ERROR_INVALID_PARAM);
}

TEST_F(RtMemoryTest, MallocNeedsAContext) {
  std::thread t([] {
    void* p = nullptr;
    EXPECT_EQ(aclrtMalloc(&p, 16, ACL_MEM_MALLOC_HUGE_FIRST), ACL_ERROR_RT_CONTEXT_NULL);
  });
  t.join();
}

TEST_F(RtMemoryTest, HostMemory) {
  void* h = nullptr;
  ASSERT_EQ(aclrtMallocHost(&h, 128), ACL_SUCCESS);
  std::memset(h, 1, 128);
  EXPECT_EQ(aclrtFree(h), ACL_ERROR_INVALID_PARAM);  // wrong free function
  ASSERT_EQ(aclrtFreeHost(h), ACL_SUCCESS);
  EXPECT_EQ(aclrtFreeHost(h), ACL_ERROR_INVALID_PARAM);
  std::vector<char> plain(8);
  EXPECT_EQ(aclrtFreeHost(plain.data()), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtMallocHost(nullptr, 8), ACL_ERROR_INVALID_PARAM);
}

TEST_F(RtMemoryTest, CopiesRoundTripAndAreChecked) {
  const size_t n = 256;
  std::vector<uint8_t> src(n), back(n, 0);
  for (size_t i = 0; i < n; ++i) src[i] = static_cast<uint8_t>(i * 7);
  void* d0 = nullptr;
  void* d1 = nullptr;
  ASSERT_EQ(aclrtMalloc(&d0, n, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  ASSERT_EQ(aclrtMalloc(&d1, n, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  ASSERT_EQ(aclrtMemcpy(d0, n, src.data(), n, ACL_MEMCPY_HOST_TO_DEVICE), ACL_SUCCESS);
  ASSERT_EQ(aclrtMemcpy(d1, n, d0, n, ACL_MEMCPY_DEVICE_TO_DEVICE), ACL_SUCCESS);
  ASSERT_EQ(aclrtMemcpy(back.data(), n, d1, n, ACL_MEMCPY_DEVICE_TO_HOST), ACL_SUCCESS);
  EXPECT_EQ(src, back);
  std::vector<uint8_t> h2(n);
  ASSERT_EQ(aclrtMemcpy(h2.data(), n, src.data(), n, ACL_MEMCPY_HOST_TO_HOST), ACL_SUCCESS);
  ASSERT_EQ(aclrtMemcpy(h2.data(), n, d0, n, ACL_MEMCPY_DEFAULT), ACL_SUCCESS);
  // An interior device pointer is device memory.
  ASSERT_EQ(
      aclrtMemcpy(back.data(), 16, static_cast<char*>(d0) + 16, 16, ACL_MEMCPY_DEVICE_TO_HOST),
      ACL_SUCCESS);
  EXPECT_EQ(back[0], src[16]);

  // count > destMax
  EXPECT_EQ(aclrtMemcpy(d0, n - 1, src.data(), n, ACL_MEMCPY_HOST_TO_DEVICE),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentError().find("destMax"), std::string::npos);
  // host pointer on the device side, and device pointer on the host side
  EXPECT_EQ(aclrtMemcpy(back.data(), n, src.data(), n, ACL_MEMCPY_HOST_TO_DEVICE),
            ACL_ERROR_INVALID_PARAM);
  std::string msg = RecentError();
  EXPECT_NE(msg.find("not device memory"), std::string::npos) << msg;
  EXPECT_NE(msg.find("ACL_MEMCPY_HOST_TO_DEVICE"), std::string::npos) << msg;
  EXPECT_EQ(aclrtMemcpy(d0, n, d1, n, ACL_MEMCPY_HOST_TO_DEVICE), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentError().find("src"), std::string::npos);
  EXPECT_EQ(aclrtMemcpy(back.data(), n, src.data(), n, ACL_MEMCPY_DEVICE_TO_HOST),
            ACL_ERROR_INVALID_PARAM);
  // range past the end of the device block
  EXPECT_EQ(aclrtMemcpy(static_cast<char*>(d0) + 8, n, src.data(), n, ACL_MEMCPY_HOST_TO_DEVICE),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentError().find("runs past the end"), std::string::npos);
  // bad kind and null pointers
  EXPECT_EQ(aclrtMemcpy(d0, n, d1, n, static_cast<aclrtMemcpyKind>(42)), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtMemcpy(nullptr, n, d1, n, ACL_MEMCPY_DEVICE_TO_DEVICE), ACL_ERROR_INVALID_PARAM);
  // use after free
  ASSERT_EQ(aclrtFree(d1), ACL_SUCCESS);
  EXPECT_EQ(aclrtMemcpy(d1, n, src.data(), n, ACL_MEMCPY_HOST_TO_DEVICE), ACL_ERROR_INVALID_PARAM);
  // aclrtMallocHost memory is host memory, bounds-checked
  void* h = nullptr;
  ASSERT_EQ(aclrtMallocHost(&h, 64), ACL_SUCCESS);
  ASSERT_EQ(aclrtMemcpy(d0, n, h, 64, ACL_MEMCPY_HOST_TO_DEVICE), ACL_SUCCESS);
  EXPECT_EQ(aclrtMemcpy(d0, n, h, 128, ACL_MEMCPY_HOST_TO_DEVICE), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtMemcpy(h, 64, d0, 64, ACL_MEMCPY_DEVICE_TO_DEVICE), ACL_ERROR_INVALID_PARAM);
  ASSERT_EQ(aclrtFreeHost(h), ACL_SUCCESS);
  ASSERT_EQ(aclrtFree(d0), ACL_SUCCESS);
}

TEST_F(RtMemoryTest, MemsetAndMemcpy2d) {
  void* d = nullptr;
  ASSERT_EQ(aclrtMalloc(&d, 64, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  ASSERT_EQ(aclrtMemset(d, 64, 0xAB, 64), ACL_SUCCESS);
  std::vector<uint8_t> h(64);
  ASSERT_EQ(aclrtMemcpy(h.data(), 64, d, 64, ACL_MEMCPY_DEVICE_TO_HOST), ACL_SUCCESS);
  EXPECT_EQ(h[0], 0xAB);
  EXPECT_EQ(h[63], 0xAB);
  EXPECT_EQ(aclrtMemset(d, 32, 0, 64), ACL_ERROR_INVALID_PARAM);  // count > maxCount
  EXPECT_EQ(aclrtMemset(static_cast<char*>(d) + 32, 64, 0, 64), ACL_ERROR_INVALID_PARAM);
  ASSERT_EQ(aclrtMemset(h.data(), 64, 0, 64), ACL_SUCCESS);  // host memory is allowed

  // 4 rows of 3 bytes from a host image with pitch 5 into device rows of pitch 8.
  std::vector<uint8_t> img(20);
  for (size_t i = 0; i < img.size(); ++i) img[i] = static_cast<uint8_t>(i);
  ASSERT_EQ(aclrtMemset(d, 64, 0, 64), ACL_SUCCESS);
  ASSERT_EQ(aclrtMemcpy2d(d, 8, img.data(), 5, 3, 4, ACL_MEMCPY_HOST_TO_DEVICE), ACL_SUCCESS);
  ASSERT_EQ(aclrtMemcpy(h.data(), 64, d, 64, ACL_MEMCPY_DEVICE_TO_HOST), ACL_SUCCESS);
  EXPECT_EQ(h[8], 5);
  EXPECT_EQ(h[8 + 2], 7);
  EXPECT_EQ(h[8 + 3], 0);
  EXPECT_EQ(h[24 + 2], 17);
  EXPECT_EQ(aclrtMemcpy2d(d, 2, img.data(), 5, 3, 4, ACL_MEMCPY_HOST_TO_DEVICE),
            ACL_ERROR_INVALID_PARAM);  // width > dpitch
  EXPECT_EQ(aclrtMemcpy2d(d, 16, img.data(), 5, 3, 5, ACL_MEMCPY_HOST_TO_DEVICE),
            ACL_ERROR_INVALID_PARAM);  // runs past the 64-byte block
  ASSERT_EQ(aclrtFree(d), ACL_SUCCESS);
}

TEST_F(RtMemoryTest, AsyncCopiesAreVisibleAfterSynchronize) {
  aclrtStream s = nullptr;
  ASSERT_EQ(aclrtCreateStream(&s), ACL_SUCCESS);
  const size_t n = 1 << 16;
  std::vector<float> in(n / 4), out(n / 4, 0.0f);
  for (size_t i = 0; i < in.size(); ++i) in[i] = static_cast<float>(i) * 0.5f;
  void* d = nullptr;
  ASSERT_EQ(aclrtMalloc(&d, n, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  ASSERT_EQ(aclrtMemsetAsync(d, n, 0, n, s), ACL_SUCCESS);
  ASSERT_EQ(aclrtMemcpyAsync(d, n, in.data(), n, ACL_MEMCPY_HOST_TO_DEVICE, s), ACL_SUCCESS);
  ASSERT_EQ(aclrtMemcpyAsync(out.data(), n, d, n, ACL_MEMCPY_DEVICE_TO_HOST, s), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(s), ACL_SUCCESS);
  EXPECT_EQ(in, out);
  std::vector<uint8_t> img(8, 9), back(8, 0);
  ASSERT_EQ(aclrtMemcpy2dAsync(d, 4, img.data(), 4, 4, 2, ACL_MEMCPY_HOST_TO_DEVICE, nullptr),
            ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(nullptr), ACL_SUCCESS);
  ASSERT_EQ(aclrtMemcpy(back.data(), 8, d, 8, ACL_MEMCPY_DEVICE_TO_HOST), ACL_SUCCESS);
  EXPECT_EQ(back, img);
  // Checks happen at enqueue time.
  EXPECT_EQ(aclrtMemcpyAsync(d, 4, in.data(), 8, ACL_MEMCPY_HOST_TO_DEVICE, s),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtMemcpyAsync(in.data(), n, d, n, ACL_MEMCPY_HOST_TO_DEVICE, s),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtMemsetAsync(d, n, 0, n + 1, s), ACL_ERROR_INVALID_PARAM);
  ASSERT_EQ(aclrtFree(d), ACL_SUCCESS);
  ASSERT_EQ(aclrtDestroyStream(s), ACL_SUCCESS);
  EXPECT_EQ(aclrtMemcpyAsync(out.data(), 4, in.data(), 4, ACL_MEMCPY_HOST_TO_HOST, s),
            ACL_ERROR_INVALID_RESOURCE_HANDLE);
}

}  // namespace
}  // namespace openacl_test
