// Shared setup for capi tests: aclInit once for the binary, aclrtSetDevice(0) per test.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "acl/acl.h"

namespace openacl_test {

// Fixture: device 0 set (default context current) for the test's thread.
class AclDeviceTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
};

// aclGetRecentErrMsg as a string ("" when none).
std::string RecentError();

}  // namespace openacl_test
