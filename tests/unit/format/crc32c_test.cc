#include "format/crc32c.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace openacl {
namespace {

TEST(Crc32c, KnownVectors) {
  const std::string check = "123456789";
  EXPECT_EQ(Crc32c(0, check.data(), check.size()), 0xE3069283u);
  EXPECT_EQ(Crc32cPortable(0, check.data(), check.size()), 0xE3069283u);
  std::vector<uint8_t> zeros(32, 0);
  EXPECT_EQ(Crc32c(0, zeros.data(), zeros.size()), 0x8A9136AAu);  // RFC 3720 B.4
  EXPECT_EQ(Crc32c(0, nullptr, 0), 0u);
}

TEST(Crc32c, HardwareMatchesPortableAndExtends) {
  std::mt19937 rng(7);
  std::vector<uint8_t> data(4099);
  for (auto& b : data) b = static_cast<uint8_t>(rng());
  for (size_t len : {0, 1, 7, 8, 9, 63, 64, 1000, 4099}) {
    uint32_t whole = Crc32c(0, data.data(), len);
    EXPECT_EQ(whole, Crc32cPortable(0, data.data(), len)) << len;
    for (size_t split : {size_t{0}, len / 3, len}) {
      uint32_t a = Crc32c(0, data.data(), split);
      EXPECT_EQ(Crc32c(a, data.data() + split, len - split), whole) << len << "/" << split;
    }
  }
}

}  // namespace
}  // namespace openacl
