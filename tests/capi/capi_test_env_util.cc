#include "capi_test_env.h"

namespace openacl_test {
namespace {

class AclEnvironment : public ::testing::Environment {
 public:
  void SetUp() override { ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS); }
  void TearDown() override { EXPECT_EQ(aclFinalize(), ACL_SUCCESS); }
};

const ::testing::Environment* const kEnv =
    ::testing::AddGlobalTestEnvironment(new AclEnvironment());

}  // namespace

void AclDeviceTest::SetUp() { ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS); }
void AclDeviceTest::TearDown() { EXPECT_EQ(aclrtResetDevice(0), ACL_SUCCESS); }

std::string RecentError() {
  const char* m = aclGetRecentErrMsg();
  return m ? m : "";
}

}  // namespace openacl_test
