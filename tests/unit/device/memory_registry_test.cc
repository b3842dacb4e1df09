#include "device/memory_registry.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <thread>
#include <vector>

namespace openacl::device {
namespace {

TEST(MemoryRegistryTest, AllocateIsAlignedAndTracked) {
  MemoryRegistry reg;
  auto r = reg.Allocate(100);
  ASSERT_TRUE(r.ok()) << r.status().message();
  void* p = r.value();
  EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % MemoryRegistry::kAlignment, 0u);
  EXPECT_TRUE(reg.IsDeviceRange(p, 100));
  EXPECT_TRUE(reg.IsDeviceRange(static_cast<char*>(p) + 40, 60));
  EXPECT_FALSE(reg.IsDeviceRange(static_cast<char*>(p) + 40, 61));  // past the end
  EXPECT_FALSE(reg.IsDeviceRange(static_cast<char*>(p) + 100, 1));  // one past the end
  EXPECT_EQ(reg.used(), 128u);
  EXPECT_TRUE(reg.Free(p).ok());
  EXPECT_EQ(reg.used(), 0u);
  EXPECT_FALSE(reg.IsDeviceRange(p, 1));
}

TEST(MemoryRegistryTest, LocateKinds) {
  MemoryRegistry reg;
  void* dev = reg.Allocate(64).value();
  void* host = reg.AllocateHost(32).value();
  std::vector<char> plain(16);
  MemLocation d = reg.Locate(static_cast<char*>(dev) + 8, 8);
  EXPECT_EQ(d.kind, MemKind::kDevice);
  EXPECT_EQ(d.base, dev);
  EXPECT_EQ(d.offset, 8u);
  EXPECT_TRUE(d.in_bounds);
  MemLocation h = reg.Locate(host, 33);
  EXPECT_EQ(h.kind, MemKind::kHostBlock);
  EXPECT_FALSE(h.in_bounds);
  MemLocation u = reg.Locate(plain.data(), 16);
  EXPECT_EQ(u.kind, MemKind::kUnknown);
  EXPECT_TRUE(u.in_bounds);
  EXPECT_TRUE(reg.Free(dev).ok());
  EXPECT_TRUE(reg.Locate(dev, 1).recently_freed_device);
  EXPECT_TRUE(reg.FreeHost(host).ok());
}

TEST(MemoryRegistryTest, BadFreesNameThePointer) {
  MemoryRegistry reg;
  void* p = reg.Allocate(256).value();
  Status interior = reg.Free(static_cast<char*>(p) + 16);
  EXPECT_EQ(interior.code(), StatusCode::kInvalidParam);
  EXPECT_NE(interior.message().find("inside device block"), std::string::npos)
      << interior.message();
  EXPECT_TRUE(reg.Free(p).ok());
  Status twice = reg.Free(p);
  EXPECT_EQ(twice.code(), StatusCode::kInvalidParam);
  EXPECT_NE(twice.message().find(PtrString(p)), std::string::npos);
  int local = 0;
  EXPECT_EQ(reg.Free(&local).code(), StatusCode::kInvalidParam);
  EXPECT_EQ(reg.Free(nullptr).code(), StatusCode::kInvalidParam);
  void* host = reg.AllocateHost(8).value();
  EXPECT_EQ(reg.Free(host).code(), StatusCode::kInvalidParam);  // wrong free function
  void* dev = reg.Allocate(8).value();
  EXPECT_EQ(reg.FreeHost(dev).code(), StatusCode::kInvalidParam);
  EXPECT_TRUE(reg.FreeHost(host).ok());
  EXPECT_EQ(reg.FreeHost(host).code(), StatusCode::kInvalidParam);
  EXPECT_TRUE(reg.Free(dev).ok());
}

TEST(MemoryRegistryTest, CapacityIsEnforced) {
  MemoryRegistry reg;
  reg.SetCapacity(1024);
  void* a = reg.Allocate(1000).value();
  auto b = reg.Allocate(64);
  EXPECT_EQ(b.status().code(), StatusCode::kMemoryAllocation);
  EXPECT_EQ(reg.Allocate(0).status().code(), StatusCode::kInvalidParam);
  EXPECT_TRUE(reg.Free(a).ok());
  EXPECT_TRUE(reg.Allocate(1024).ok());
  reg.ReleaseAll();
  EXPECT_EQ(reg.used(), 0u);
  EXPECT_EQ(reg.num_device_blocks(), 0u);
}

TEST(MemoryRegistryTest, ConcurrentAllocateFree) {
  MemoryRegistry reg;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&reg] {
      for (int i = 0; i < 500; ++i) {
        void* p = reg.Allocate(64 + i).value();
        ASSERT_TRUE(reg.IsDeviceRange(p, 64 + i));
        ASSERT_TRUE(reg.Free(p).ok());
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(reg.used(), 0u);
}

}  // namespace
}  // namespace openacl::device
