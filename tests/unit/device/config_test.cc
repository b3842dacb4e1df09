#include "device/config.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace openacl::device {
namespace {

TEST(ConfigTest, DefaultsAndOpenaclKeys) {
  auto none = LoadConfigFile(nullptr);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none.value().device_memory_bytes, 0u);
  auto empty = ParseConfigText("  ", "x.json");
  ASSERT_TRUE(empty.ok());
  auto c = ParseConfigText(
      R"({"dump": {"dump_list": []}, "openacl": {"device_memory_mb": 16, "num_threads": 3,
          "soc_name": "Ascend310P3"}})",
      "acl.json");
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c.value().device_memory_bytes, 16u << 20);
  EXPECT_EQ(c.value().num_threads, 3);
  EXPECT_EQ(c.value().soc_name, "Ascend310P3");
}

TEST(ConfigTest, ErrorsNameTheFileAndProblem) {
  auto bad = ParseConfigText("{\"a\": ", "/tmp/bad.json");
  EXPECT_EQ(bad.status().code(), StatusCode::kParseFile);
  EXPECT_NE(bad.status().message().find("/tmp/bad.json"), std::string::npos);
  auto wrong = ParseConfigText(R"({"openacl": {"num_threads": "four"}})", "c.json");
  EXPECT_EQ(wrong.status().code(), StatusCode::kParseFile);
  EXPECT_NE(wrong.status().message().find("num_threads"), std::string::npos);
  auto neg = ParseConfigText(R"({"openacl": {"device_memory_mb": -1}})", "c.json");
  EXPECT_EQ(neg.status().code(), StatusCode::kParseFile);
  auto arr = ParseConfigText("[1, 2]", "c.json");
  EXPECT_EQ(arr.status().code(), StatusCode::kParseFile);
  auto missing = LoadConfigFile("/nonexistent/acl.json");
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidFile);
  EXPECT_NE(missing.status().message().find("/nonexistent/acl.json"), std::string::npos);
}

// Found by fuzz_acl_config (tests/fuzz/regressions/fuzz_acl_config/huge-number-out-of-range): a
// number too large for a double made the JSON library throw out_of_range, which escaped.
TEST(ConfigTest, NumberOutOfRangeIsAParseError) {
  auto r = ParseConfigText("9e999999999999999999", "big.json");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("big.json is not valid JSON"), std::string::npos)
      << r.status().message();
  EXPECT_FALSE(ParseConfigText("{\"openacl\": {\"num_threads\": 1e400}}", "b.json").ok());
}

TEST(ConfigTest, ActiveConfigSetsSocName) {
  RuntimeConfig c;
  c.soc_name = "Ascend910B";
  SetActiveConfig(c);
  EXPECT_EQ(ConfiguredSocName(), "Ascend910B");
  SetActiveConfig(RuntimeConfig{});
  EXPECT_EQ(ConfiguredSocName(), "Ascend310");
}

}  // namespace
}  // namespace openacl::device
