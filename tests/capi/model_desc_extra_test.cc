// The rest of the model API: remaining desc queries, dataset tensor descs, exec configs, V2
// execution, the dynamic setters on a static model, and loading from memory with caller memory.
#include <cstring>
#include <vector>

#include "acl/acl.h"
#include "capi_test_env.h"
#include "model_test_util.h"

namespace openacl_test {
namespace {

class ModelExtraTest : public AclDeviceTest {
 protected:
  void SetUp() override {
    AclDeviceTest::SetUp();
    path_ = WriteReluAddOm();
    ASSERT_FALSE(path_.empty());
    bytes_ = ReadFileBytes(path_);
    desc_ = aclmdlCreateDesc();
    ASSERT_EQ(aclmdlGetDescFromMem(desc_, bytes_.data(), bytes_.size()), ACL_SUCCESS)
        << RecentError();
  }
  void TearDown() override {
    aclmdlDestroyDesc(desc_);
    AclDeviceTest::TearDown();
  }
  std::string path_, bytes_;
  aclmdlDesc* desc_ = nullptr;
};

TEST_F(ModelExtraTest, DescQueries) {
  aclmdlIODims dims;
  ASSERT_EQ(aclmdlGetInputDimsV2(desc_, 0, &dims), ACL_SUCCESS);
  EXPECT_EQ(dims.dimCount, 2u);
  ASSERT_EQ(aclmdlGetOutputDims(desc_, 0, &dims), ACL_SUCCESS);
  EXPECT_EQ(dims.dims[1], 4);
  EXPECT_EQ(aclmdlGetOutputDims(desc_, 3, &dims), ACL_ERROR_INVALID_PARAM);
  aclmdlIODimsRange range;
  ASSERT_EQ(aclmdlGetInputDimsRange(desc_, 0, &range), ACL_SUCCESS);
  EXPECT_EQ(range.rangeCount, 2u);
  EXPECT_EQ(range.range[1][0], 4);
  EXPECT_EQ(range.range[1][1], 4);
  EXPECT_STREQ(aclmdlGetOutputNameByIndex(desc_, 0), "y");
  EXPECT_EQ(aclmdlGetOutputFormat(desc_, 0), ACL_FORMAT_ND);
  EXPECT_STREQ(aclmdlGetTensorRealName(desc_, "y"), "y");
  EXPECT_EQ(aclmdlGetTensorRealName(desc_, "nope"), nullptr);
  EXPECT_EQ(aclmdlGetOpAttr(desc_, "n", "a"), nullptr);
  aclmdlHW hw;
  ASSERT_EQ(aclmdlGetDynamicHW(desc_, static_cast<size_t>(-1), &hw), ACL_SUCCESS);
  EXPECT_EQ(hw.hwCount, 0u);
  size_t gears = 9;
  ASSERT_EQ(aclmdlGetInputDynamicGearCount(desc_, static_cast<size_t>(-1), &gears), ACL_SUCCESS);
  EXPECT_EQ(gears, 0u);
  EXPECT_EQ(aclmdlGetInputDynamicDims(desc_, static_cast<size_t>(-1), &dims, 0), ACL_SUCCESS);
  EXPECT_EQ(aclmdlGetInputDynamicDims(desc_, static_cast<size_t>(-1), &dims, 2),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlGetDynamicHW(desc_, 0, nullptr), ACL_ERROR_INVALID_PARAM);
}

TEST_F(ModelExtraTest, DatasetTensorDesc) {
  aclmdlDataset* ds = aclmdlCreateDataset();
  aclDataBuffer* buf = aclCreateDataBuffer(nullptr, 0);
  int64_t shape[] = {2, 4};
  aclTensorDesc* td = aclCreateTensorDesc(ACL_FLOAT, 2, shape, ACL_FORMAT_ND);
  EXPECT_EQ(aclmdlSetDatasetTensorDesc(ds, td, 0), ACL_ERROR_INVALID_PARAM);  // no buffer yet
  ASSERT_EQ(aclmdlAddDatasetBuffer(ds, buf), ACL_SUCCESS);
  EXPECT_EQ(aclmdlGetDatasetTensorDesc(ds, 0), nullptr);
  ASSERT_EQ(aclmdlSetDatasetTensorDesc(ds, td, 0), ACL_SUCCESS);
  EXPECT_EQ(aclmdlGetDatasetTensorDesc(ds, 0), td);
  EXPECT_EQ(aclmdlGetDatasetTensorDesc(ds, 1), nullptr);
  EXPECT_EQ(aclmdlSetDatasetTensorDesc(ds, nullptr, 0), ACL_ERROR_INVALID_PARAM);
  aclDestroyTensorDesc(td);
  aclDestroyDataBuffer(buf);
  aclmdlDestroyDataset(ds);
}

TEST_F(ModelExtraTest, ExecuteV2AndMemWithMem) {
  size_t work = 0, weight = 0;
  ASSERT_EQ(aclmdlQuerySizeFromMem(bytes_.data(), bytes_.size(), &work, &weight), ACL_SUCCESS);
  void *work_ptr = nullptr, *weight_ptr = nullptr;
  ASSERT_EQ(aclrtMalloc(&work_ptr, work, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  ASSERT_EQ(aclrtMalloc(&weight_ptr, weight, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  uint32_t id = 0;
  ASSERT_EQ(aclmdlLoadFromMemWithMem(bytes_.data(), bytes_.size(), &id, work_ptr, work,
                                     weight_ptr, weight),
            ACL_SUCCESS)
      << RecentError();
  void *in_dev = nullptr, *out_dev = nullptr;
  ASSERT_EQ(aclrtMalloc(&in_dev, 32, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  ASSERT_EQ(aclrtMalloc(&out_dev, 32, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  aclmdlDataset* in = aclmdlCreateDataset();
  aclmdlDataset* out = aclmdlCreateDataset();
  aclDataBuffer* ib = aclCreateDataBuffer(in_dev, 32);
  aclDataBuffer* ob = aclCreateDataBuffer(out_dev, 32);
  aclmdlAddDatasetBuffer(in, ib);
  aclmdlAddDatasetBuffer(out, ob);
  float x[8] = {-1, 1, -2, 2, 0, 5, -5, 3}, y[8] = {};
  ASSERT_EQ(aclrtMemcpy(in_dev, 32, x, 32, ACL_MEMCPY_HOST_TO_DEVICE), ACL_SUCCESS);
  aclmdlExecConfigHandle* cfg = aclmdlCreateExecConfigHandle();
  int32_t timeout = 1000;
  ASSERT_EQ(aclmdlSetExecConfigOpt(cfg, ACL_MDL_STREAM_SYNC_TIMEOUT, &timeout, sizeof(timeout)),
            ACL_SUCCESS);
  EXPECT_EQ(aclmdlSetExecConfigOpt(cfg, ACL_MDL_STREAM_SYNC_TIMEOUT, &timeout, 3),
            ACL_ERROR_INVALID_PARAM);
  ASSERT_EQ(aclmdlExecuteV2(id, in, out, nullptr, cfg), ACL_SUCCESS) << RecentError();
  ASSERT_EQ(aclrtMemcpy(y, 32, out_dev, 32, ACL_MEMCPY_DEVICE_TO_HOST), ACL_SUCCESS);
  EXPECT_FLOAT_EQ(y[3], 6.0f);
  std::memset(y, 0, sizeof(y));
  aclrtStream stream = nullptr;
  ASSERT_EQ(aclrtCreateStream(&stream), ACL_SUCCESS);
  ASSERT_EQ(aclmdlExecuteAsyncV2(id, in, out, stream, cfg), ACL_SUCCESS) << RecentError();
  ASSERT_EQ(aclrtSynchronizeStream(stream), ACL_SUCCESS);
  ASSERT_EQ(aclrtMemcpy(y, 32, out_dev, 32, ACL_MEMCPY_DEVICE_TO_HOST), ACL_SUCCESS);
  EXPECT_FLOAT_EQ(y[5], 7.0f);
  EXPECT_EQ(aclmdlSetDynamicHWSize(id, in, 0, 224, 224), ACL_ERROR_MODEL_NOT_DYNAMIC);
  aclmdlIODims dims{};
  EXPECT_EQ(aclmdlSetInputDynamicDims(id, in, 0, &dims), ACL_ERROR_MODEL_NOT_DYNAMIC);
  EXPECT_EQ(aclmdlDestroyExecConfigHandle(cfg), ACL_SUCCESS);
  EXPECT_EQ(aclmdlDestroyExecConfigHandle(cfg), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlExecuteV2(id, in, out, nullptr, cfg), ACL_ERROR_INVALID_PARAM);
  aclrtDestroyStream(stream);
  aclDestroyDataBuffer(ib);
  aclDestroyDataBuffer(ob);
  aclmdlDestroyDataset(in);
  aclmdlDestroyDataset(out);
  EXPECT_EQ(aclmdlUnload(id), ACL_SUCCESS);
  for (void* p : {in_dev, out_dev, work_ptr, weight_ptr}) aclrtFree(p);
}

}  // namespace
}  // namespace openacl_test
