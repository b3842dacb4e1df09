// The device heap's quarantine of freed blocks and its one budget (issue 12 §6).
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <vector>

#include "device/memory_registry.h"

namespace openacl::device {
namespace {

TEST(MemoryQuarantineTest, AFreedBlockIsNotReusedWhileQuarantined) {
  MemoryRegistry reg;
  void* freed = reg.Allocate(1000).value();
  ASSERT_TRUE(reg.Free(freed).ok());
  // Allocations of the same size (device and plain host) cannot land on the freed block.
  std::vector<void*> dev;
  std::vector<void*> host;
  for (int i = 0; i < 64; ++i) {
    dev.push_back(reg.Allocate(1000).value());
    host.push_back(std::malloc(1000));
    EXPECT_NE(dev.back(), freed);
    EXPECT_FALSE(host.back() >= freed && host.back() < static_cast<char*>(freed) + 1000);
  }
  EXPECT_TRUE(reg.Locate(static_cast<char*>(freed) + 500, 1).recently_freed_device);
  for (void* p : dev) EXPECT_TRUE(reg.Free(p).ok());
  for (void* p : host) std::free(p);
}

TEST(MemoryQuarantineTest, IsBoundedAndLargeBlocksGiveTheirPagesBack) {
  MemoryRegistry reg;
  void* first = reg.Allocate(64).value();
  ASSERT_TRUE(reg.Free(first).ok());
  for (int i = 0; i < 300; ++i) ASSERT_TRUE(reg.Free(reg.Allocate(64).value()).ok());
  // The first block left the quarantine (at most 256 blocks are kept).
  EXPECT_FALSE(reg.Locate(first, 1).recently_freed_device);
  // A large freed block is still recognised (its address stays reserved).
  void* big = reg.Allocate(size_t{8} << 20).value();
  ASSERT_TRUE(reg.Free(big).ok());
  EXPECT_TRUE(reg.Locate(static_cast<char*>(big) + (4 << 20), 16).recently_freed_device);
  EXPECT_EQ(reg.used(), 0u);
  reg.ReleaseAll();
  EXPECT_FALSE(reg.Locate(big, 1).recently_freed_device);
}

TEST(DeviceBudgetTest, ChargesShareTheCapacityWithBlocks) {
  MemoryRegistry reg;
  reg.SetCapacity(1 << 20);
  uint64_t gen = 0;
  ASSERT_TRUE(reg.Charge(600 << 10, "model a", &gen).ok());
  EXPECT_EQ(reg.used(), size_t{600} << 10);
  auto blocked = reg.Allocate(600 << 10);
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.status().code(), StatusCode::kMemoryAllocation);
  Status second = reg.Charge(600 << 10, "model b", &gen);
  EXPECT_EQ(second.code(), StatusCode::kMemoryAllocation);
  EXPECT_NE(second.message().find("model b"), std::string::npos) << second.message();
  reg.Uncharge(600 << 10, gen);
  EXPECT_EQ(reg.used(), 0u);
  ASSERT_TRUE(reg.Charge(100, "model c", &gen).ok());
  reg.ReleaseAll();                     // aclFinalize
  reg.Uncharge(100, gen);               // a stale charge is not taken off twice
  EXPECT_EQ(reg.used(), 0u);
  void* p = reg.Allocate(64).value();
  reg.Uncharge(1000, gen);
  EXPECT_EQ(reg.used(), 64u);
  EXPECT_TRUE(reg.Free(p).ok());
}

TEST(MemoryRegistryOverflowTest, HostRoundingOverflowIsAnError) {
  MemoryRegistry reg;
  auto r = reg.AllocateHost(SIZE_MAX);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kBadAlloc);
  EXPECT_NE(r.status().message().find("overflows"), std::string::npos);
  auto d = reg.Allocate(SIZE_MAX);
  EXPECT_FALSE(d.ok());
}

}  // namespace
}  // namespace openacl::device
