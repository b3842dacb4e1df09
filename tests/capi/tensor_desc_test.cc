// aclDataBuffer and aclTensorDesc (acl-api.md §2.5, §2.6).
#include <cstring>
#include <string>

#include "capi_test_env.h"

namespace openacl_test {
namespace {

TEST(DataBufferTest, CreateQueryUpdateDestroy) {
  char storage[32];
  aclDataBuffer* buf = aclCreateDataBuffer(storage, sizeof(storage));
  ASSERT_NE(buf, nullptr);
  EXPECT_EQ(aclGetDataBufferAddr(buf), storage);
  EXPECT_EQ(aclGetDataBufferSizeV2(buf), 32u);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  EXPECT_EQ(aclGetDataBufferSize(buf), 32u);
#pragma GCC diagnostic pop
  ASSERT_EQ(aclUpdateDataBuffer(buf, storage + 8, 8), ACL_SUCCESS);
  EXPECT_EQ(aclGetDataBufferAddr(buf), storage + 8);
  EXPECT_EQ(aclGetDataBufferSizeV2(buf), 8u);
  ASSERT_EQ(aclDestroyDataBuffer(buf), ACL_SUCCESS);
  EXPECT_EQ(aclDestroyDataBuffer(buf), ACL_ERROR_INVALID_PARAM);  // double destroy
  EXPECT_NE(RecentError().find("not a live aclDataBuffer"), std::string::npos);
  EXPECT_EQ(aclGetDataBufferAddr(buf), nullptr);  // use after destroy
  EXPECT_EQ(aclGetDataBufferSizeV2(nullptr), 0u);
  EXPECT_EQ(aclUpdateDataBuffer(nullptr, storage, 1), ACL_ERROR_INVALID_PARAM);
  aclDataBuffer* empty = aclCreateDataBuffer(nullptr, 0);  // legal: unused/const op input
  ASSERT_NE(empty, nullptr);
  EXPECT_EQ(aclGetDataBufferAddr(empty), nullptr);
  EXPECT_EQ(aclDestroyDataBuffer(empty), ACL_SUCCESS);
}

TEST(TensorDescTest, CreateAndQuery) {
  int64_t dims[] = {2, 3, 4};
  aclTensorDesc* d = aclCreateTensorDesc(ACL_FLOAT16, 3, dims, ACL_FORMAT_NCHW);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(aclGetTensorDescType(d), ACL_FLOAT16);
  EXPECT_EQ(aclGetTensorDescFormat(d), ACL_FORMAT_NCHW);
  EXPECT_EQ(aclGetTensorDescNumDims(d), 3u);
  EXPECT_EQ(aclGetTensorDescElementCount(d), 24u);
  EXPECT_EQ(aclGetTensorDescSize(d), 48u);
  int64_t dim = 0;
  ASSERT_EQ(aclGetTensorDescDimV2(d, 2, &dim), ACL_SUCCESS);
  EXPECT_EQ(dim, 4);
  EXPECT_EQ(aclGetTensorDescDimV2(d, 3, &dim), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclGetTensorDescDimV2(d, 0, nullptr), ACL_ERROR_INVALID_PARAM);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  EXPECT_EQ(aclGetTensorDescDim(d, 1), 3);
  EXPECT_EQ(aclGetTensorDescDim(d, 9), -1);
  EXPECT_EQ(aclSetTensorStorageFormat(d, ACL_FORMAT_NC1HWC0), ACL_SUCCESS);
  EXPECT_EQ(aclSetTensorStorageShape(d, 3, dims), ACL_SUCCESS);
#pragma GCC diagnostic pop
  EXPECT_STREQ(aclGetTensorDescName(d), "");
  aclSetTensorDescName(d, "images");
  EXPECT_STREQ(aclGetTensorDescName(d), "images");
  int64_t range[2] = {0, 0};
  ASSERT_EQ(aclGetTensorDescDimRange(d, 1, 2, range), ACL_SUCCESS);  // static dim
  EXPECT_EQ(range[0], 3);
  EXPECT_EQ(range[1], 3);
  aclDestroyTensorDesc(d);
  EXPECT_EQ(aclGetTensorDescType(d), ACL_DT_UNDEFINED);  // use after destroy
  EXPECT_NE(RecentError().find("not a live aclTensorDesc"), std::string::npos);
  aclDestroyTensorDesc(d);  // double destroy: reported, no crash
  EXPECT_NE(RecentError().find("aclDestroyTensorDesc"), std::string::npos);
}

TEST(TensorDescTest, SpecialShapes) {
  aclTensorDesc* unused = aclCreateTensorDesc(ACL_DT_UNDEFINED, 0, nullptr, ACL_FORMAT_UNDEFINED);
  ASSERT_NE(unused, nullptr);
  EXPECT_EQ(aclGetTensorDescSize(unused), 0u);
  EXPECT_EQ(aclGetTensorDescNumDims(unused), 0u);
  aclDestroyTensorDesc(unused);
  aclTensorDesc* scalar = aclCreateTensorDesc(ACL_INT64, 0, nullptr, ACL_FORMAT_ND);
  EXPECT_EQ(aclGetTensorDescElementCount(scalar), 1u);
  EXPECT_EQ(aclGetTensorDescSize(scalar), 8u);
  aclDestroyTensorDesc(scalar);
  int64_t unknown_rank[] = {-2};
  aclTensorDesc* ur = aclCreateTensorDesc(ACL_FLOAT, 1, unknown_rank, ACL_FORMAT_ND);
  EXPECT_EQ(aclGetTensorDescNumDims(ur), static_cast<size_t>(ACL_UNKNOWN_RANK));
  EXPECT_EQ(aclGetTensorDescSize(ur), 0u);
  aclDestroyTensorDesc(ur);
  int64_t dyn[] = {-1, 3};
  aclTensorDesc* d = aclCreateTensorDesc(ACL_FLOAT, 2, dyn, ACL_FORMAT_ND);
  EXPECT_EQ(aclGetTensorDescSize(d), 0u);
  int64_t range[2];
  EXPECT_EQ(aclGetTensorDescDimRange(d, 0, 2, range), ACL_ERROR_INVALID_PARAM);
  int64_t ranges[2][2] = {{1, 8}, {3, 3}};
  ASSERT_EQ(aclSetTensorShapeRange(d, 2, ranges), ACL_SUCCESS);
  ASSERT_EQ(aclGetTensorDescDimRange(d, 0, 2, range), ACL_SUCCESS);
  EXPECT_EQ(range[0], 1);
  EXPECT_EQ(range[1], 8);
  EXPECT_EQ(aclGetTensorDescDimRange(d, 0, 1, range), ACL_ERROR_INVALID_PARAM);
  int64_t values[1][2] = {{0, 255}};
  EXPECT_EQ(aclSetTensorValueRange(d, 1, values), ACL_SUCCESS);
  int64_t bad[] = {-5};
  EXPECT_EQ(aclCreateTensorDesc(ACL_FLOAT, 1, bad, ACL_FORMAT_ND), nullptr);
  EXPECT_EQ(aclCreateTensorDesc(ACL_FLOAT, 2, nullptr, ACL_FORMAT_ND), nullptr);
  EXPECT_EQ(aclCreateTensorDesc(ACL_FLOAT, -1, nullptr, ACL_FORMAT_ND), nullptr);
  aclDestroyTensorDesc(d);
  aclDestroyTensorDesc(nullptr);  // no-op
}

TEST(TensorDescTest, SettersConstAndPlacement) {
  int64_t dims[] = {4};
  aclTensorDesc* d = aclCreateTensorDesc(ACL_INT32, 1, dims, ACL_FORMAT_ND);
  int64_t nd[] = {2, 2};
  ASSERT_EQ(aclSetTensorShape(d, 2, nd), ACL_SUCCESS);
  EXPECT_EQ(aclGetTensorDescNumDims(d), 2u);
  ASSERT_EQ(aclSetTensorFormat(d, ACL_FORMAT_NHWC), ACL_SUCCESS);
  EXPECT_EQ(aclGetTensorDescFormat(d), ACL_FORMAT_NHWC);
  ASSERT_EQ(aclSetTensorOriginFormat(d, ACL_FORMAT_NCHW), ACL_SUCCESS);
  ASSERT_EQ(aclSetTensorOriginShape(d, 1, dims), ACL_SUCCESS);
  EXPECT_EQ(aclSetTensorShape(d, 2, nullptr), ACL_ERROR_INVALID_PARAM);
  int32_t axis = 1;
  ASSERT_EQ(aclSetTensorConst(d, &axis, sizeof(axis)), ACL_SUCCESS);
  axis = 7;  // the desc keeps its own copy
  EXPECT_EQ(aclSetTensorConst(d, nullptr, 4), ACL_ERROR_INVALID_PARAM);
  ASSERT_EQ(aclSetTensorPlaceMent(d, ACL_MEMTYPE_HOST), ACL_SUCCESS);
  EXPECT_EQ(aclSetTensorPlaceMent(d, static_cast<aclMemType>(9)), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclSetTensorFormat(nullptr, ACL_FORMAT_ND), ACL_ERROR_INVALID_PARAM);
  aclDestroyTensorDesc(d);
}

}  // namespace
}  // namespace openacl_test
