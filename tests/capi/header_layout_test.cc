// Struct layouts and constants of the public headers (acl-api.md §1.1, §3).
#include <gtest/gtest.h>

#include <cstddef>

#include "acl/acl.h"
#include "acl/acl_op_compiler.h"
#include "ge/ge_error_codes.h"

static_assert(sizeof(aclmdlIODims) == 1160, "aclmdlIODims layout");
static_assert(offsetof(aclmdlIODims, dimCount) == 128, "aclmdlIODims.dimCount");
static_assert(offsetof(aclmdlIODims, dims) == 136, "aclmdlIODims.dims");
static_assert(sizeof(aclmdlIODimsRange) == 2056, "aclmdlIODimsRange layout");
static_assert(sizeof(aclmdlBatch) == 1032, "aclmdlBatch layout");
static_assert(sizeof(aclmdlHW) == 2056, "aclmdlHW layout");
static_assert(sizeof(aclAippDims) == 2 * 1160 + 16, "aclAippDims layout");
static_assert(sizeof(aclFloat16) == 2, "aclFloat16");
static_assert(sizeof(aclError) == sizeof(int), "aclError");
static_assert(offsetof(aclAippInfo, srcFormat) == 176, "aclAippInfo head");
static_assert(offsetof(aclAippInfo, outDims) == 200, "aclAippInfo.outDims");
static_assert(sizeof(aclAippInfo) == 200 + 128 * sizeof(aclAippDims) + 8, "aclAippInfo size");

namespace {

TEST(HeaderLayoutTest, EnumValues) {
  EXPECT_EQ(ACL_DT_UNDEFINED, -1);
  EXPECT_EQ(ACL_BF16, 27);
  EXPECT_EQ(ACL_FLOAT4_E1M2, 41);
  EXPECT_EQ(ACL_FORMAT_NCL, 47);
  EXPECT_EQ(ACL_FRACTAL_Z_3D, 33);
  EXPECT_EQ(ACL_FORMAT_FRACTAL_NZ_C0_8, 54);
  EXPECT_EQ(ACL_MEMCPY_INTER_DEVICE_TO_DEVICE, 7);
  EXPECT_EQ(ACL_MEM_MALLOC_HUGE1G_ONLY_P2P, 7);
  EXPECT_EQ(ACL_HBM_MEM_P2P_HUGE1G, 11);
  EXPECT_EQ(ACL_HOST, 1);
  EXPECT_EQ(ACL_CALLBACK_BLOCK, 1);
  EXPECT_EQ(ACL_STREAM_STATUS_RESERVED, 0xFFFF);
  EXPECT_EQ(ACL_DYNAMIC_AIPP_NODE, 3);
  EXPECT_EQ(ACL_RAW24, 14);
  EXPECT_EQ(ACL_OP_DEBUG_OPTION, 16);
  EXPECT_EQ(ACL_PKG_NAME_DRIVER, 7);
  EXPECT_EQ(ACL_MDL_FIFO_SIZET, 27);
  EXPECT_EQ(ACL_MDL_MEC_TIMETHR_SIZET, 7);
  EXPECT_EQ(ACL_MDL_LOAD_FROM_MEM_WITH_Q, 6);
  EXPECT_EQ(ACL_ENGINE_VECTOR, 2);
}

TEST(HeaderLayoutTest, ErrorCodes) {
  EXPECT_EQ(ACL_ERROR_INVALID_PARAM, 100000);
  EXPECT_EQ(ACL_ERROR_REPEAT_FINALIZE, 100037);
  EXPECT_EQ(ACL_ERROR_DUMP_NOT_RUN, 100045);
  EXPECT_EQ(ACL_ERROR_INVALID_BUNDLE_MODEL_ID, 148053);
  EXPECT_EQ(ACL_ERROR_PROF_MODULES_UNSUPPORTED, 200007);
  EXPECT_EQ(ACL_ERROR_STORAGE_OVER_LIMIT, 300000);
  EXPECT_EQ(ACL_ERROR_PROFILING_FAILURE, 500005);
  EXPECT_EQ(ACL_ERROR_RT_MEMORY_ALLOCATION, 207001);
  EXPECT_EQ(ACL_ERROR_RT_STREAM_SYNC_TIMEOUT, 507046);
  EXPECT_EQ(ACL_ERROR_RT_SOCKET_CLOSE, 507901);
  EXPECT_EQ(ACL_ERROR_GE_AIPP_NOT_EXIST, 145015u);
  EXPECT_EQ(ACL_ERROR_GE_MODEL_EXECUTE_TIMEOUT, 545601u);
}

}  // namespace
