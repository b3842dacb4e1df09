// aclInit/aclFinalize, version, error messages, SoC name, logging (acl-api.md §2.1).
#include <cstdio>
#include <fstream>
#include <string>

#include "capi_test_env.h"

namespace openacl_test {
namespace {

std::string WriteTemp(const std::string& name, const std::string& text) {
  std::string path = ::testing::TempDir() + name;
  std::ofstream(path) << text;
  return path;
}

TEST(RtInitTest, RepeatInitAndFinalizeAreRejected) {
  // The environment already called aclInit.
  EXPECT_EQ(aclInit(nullptr), ACL_ERROR_REPEAT_INITIALIZE);
  EXPECT_NE(RecentError().find("already"), std::string::npos);
  ASSERT_EQ(aclFinalize(), ACL_SUCCESS);
  EXPECT_EQ(aclFinalize(), ACL_ERROR_REPEAT_FINALIZE);
  EXPECT_EQ(aclrtSetDevice(0), ACL_ERROR_UNINITIALIZE);
  void* p = nullptr;
  EXPECT_EQ(aclrtMallocHost(&p, 16), ACL_ERROR_UNINITIALIZE);
  ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
}

TEST(RtInitTest, ConfigFileErrors) {
  ASSERT_EQ(aclFinalize(), ACL_SUCCESS);
  EXPECT_EQ(aclInit("/nonexistent/dir/acl.json"), ACL_ERROR_INVALID_FILE);
  EXPECT_NE(RecentError().find("/nonexistent/dir/acl.json"), std::string::npos);
  std::string bad = WriteTemp("openacl_bad_acl.json", "{\"dump\": ");
  EXPECT_EQ(aclInit(bad.c_str()), ACL_ERROR_PARSE_FILE);
  EXPECT_NE(RecentError().find(bad), std::string::npos);
  std::string good =
      WriteTemp("openacl_good_acl.json",
                R"({"openacl": {"device_memory_mb": 1, "soc_name": "Ascend310P3"}})");
  ASSERT_EQ(aclInit(good.c_str()), ACL_SUCCESS);
  EXPECT_STREQ(aclrtGetSocName(), "Ascend310P3");
  size_t free_bytes = 0, total = 0;
  ASSERT_EQ(aclrtGetMemInfo(ACL_HBM_MEM, &free_bytes, &total), ACL_SUCCESS);
  EXPECT_EQ(total, size_t{1} << 20);
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
  void* p = nullptr;
  EXPECT_EQ(aclrtMalloc(&p, 2 << 20, ACL_MEM_MALLOC_HUGE_FIRST), ACL_ERROR_RT_MEMORY_ALLOCATION);
  EXPECT_NE(RecentError().find("device memory exhausted"), std::string::npos);
  ASSERT_EQ(aclrtResetDevice(0), ACL_SUCCESS);
  ASSERT_EQ(aclFinalize(), ACL_SUCCESS);
  std::string empty = WriteTemp("openacl_empty_acl.json", "{}");
  ASSERT_EQ(aclInit(empty.c_str()), ACL_SUCCESS);
  EXPECT_STREQ(aclrtGetSocName(), "Ascend310");
  uint64_t refs = 99;
  ASSERT_EQ(aclFinalizeReference(&refs), ACL_SUCCESS);
  EXPECT_EQ(refs, 0u);
  ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
}

TEST(RtInitTest, VersionAndCannVersion) {
  int32_t major = 0, minor = 0, patch = -1;
  ASSERT_EQ(aclrtGetVersion(&major, &minor, &patch), ACL_SUCCESS);
  EXPECT_EQ(major, 1);
  EXPECT_EQ(minor, 15);
  EXPECT_EQ(patch, 0);
  EXPECT_EQ(aclrtGetVersion(nullptr, &minor, &patch), ACL_ERROR_INVALID_PARAM);
  aclCANNPackageVersion v;
  ASSERT_EQ(aclsysGetCANNVersion(ACL_PKG_NAME_RUNTIME, &v), ACL_SUCCESS);
  EXPECT_STREQ(v.majorVersion, "8");
  EXPECT_EQ(aclsysGetCANNVersion(ACL_PKG_NAME_RUNTIME, nullptr), ACL_ERROR_INVALID_PARAM);
}

TEST(RtInitTest, RecentErrorMessageAndLastError) {
  (void)RecentError();  // drain
  EXPECT_EQ(aclGetRecentErrMsg(), nullptr);
  EXPECT_EQ(aclrtGetDeviceCount(nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtPeekAtLastError(ACL_RT_THREAD_LEVEL), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtGetLastError(ACL_RT_THREAD_LEVEL), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtGetLastError(ACL_RT_THREAD_LEVEL), ACL_SUCCESS);
  std::string msg = RecentError();
  EXPECT_NE(msg.find("aclrtGetDeviceCount"), std::string::npos) << msg;
  EXPECT_NE(msg.find("count is null"), std::string::npos) << msg;
  EXPECT_EQ(aclGetRecentErrMsg(), nullptr);  // taken
}

TEST(RtInitTest, MiscQueries) {
  aclrtRunMode mode = ACL_DEVICE;
  ASSERT_EQ(aclrtGetRunMode(&mode), ACL_SUCCESS);
  EXPECT_EQ(mode, ACL_HOST);
  uint32_t count = 0;
  ASSERT_EQ(aclrtGetDeviceCount(&count), ACL_SUCCESS);
  EXPECT_EQ(count, 1u);
  EXPECT_EQ(aclDataTypeSize(ACL_FLOAT), 4u);
  EXPECT_EQ(aclDataTypeSize(ACL_FLOAT16), 2u);
  EXPECT_EQ(aclDataTypeSize(ACL_INT64), 8u);
  EXPECT_EQ(aclDataTypeSize(ACL_BOOL), 1u);
  EXPECT_EQ(aclDataTypeSize(ACL_COMPLEX128), 16u);
  EXPECT_EQ(aclDataTypeSize(ACL_DT_UNDEFINED), 0u);
  EXPECT_EQ(aclFloatToFloat16(1.0f), 0x3C00);
  EXPECT_EQ(aclFloat16ToFloat(0xC000), -2.0f);
  EXPECT_EQ(aclFloat16ToFloat(aclFloatToFloat16(0.333251953125f)), 0.333251953125f);
  aclAppLog(ACL_DEBUG, "f", "file.c", 1, "hidden at the default level %d", 1);
  ACL_APP_LOG(ACL_INFO, "%s", "macro compiles");
}

TEST(RtInitTest, ModelAndOpStubsReportNotSupported) {
  // Functions not implemented yet must fail cleanly (API_NOT_SUPPORT) or work; never crash.
  aclError ret = aclopSetModelDir("/nonexistent_op_dir");
  EXPECT_NE(ret, ACL_SUCCESS);
}

}  // namespace
}  // namespace openacl_test
