// aclmdlExecute of a model whose output shape is decided at run time (NonZero): the output
// size is unknown in the description, the buffer must hold this run's output, and the output
// dataset's tensor desc reports the shape.
#include <vector>

#include "acl/acl.h"
#include "capi_test_env.h"
#include "model_test_util.h"

namespace openacl_test {
namespace {

class DataDependentModelTest : public AclDeviceTest {};

struct Buffers {
  aclmdlDataset* in = aclmdlCreateDataset();
  aclmdlDataset* out = aclmdlCreateDataset();
  std::vector<void*> dev;
  void Add(aclmdlDataset* ds, size_t size) {
    void* p = nullptr;
    EXPECT_EQ(aclrtMalloc(&p, size, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
    dev.push_back(p);
    EXPECT_EQ(aclmdlAddDatasetBuffer(ds, aclCreateDataBuffer(p, size)), ACL_SUCCESS);
  }
  ~Buffers() {
    for (aclmdlDataset* ds : {in, out}) {
      for (size_t i = 0; i < aclmdlGetDatasetNumBuffers(ds); ++i)
        aclDestroyDataBuffer(aclmdlGetDatasetBuffer(ds, i));
      aclmdlDestroyDataset(ds);
    }
    for (void* p : dev) aclrtFree(p);
  }
};

TEST_F(DataDependentModelTest, OutputShapeIsReportedPerRun) {
  std::string path = WriteNonZeroOm();
  ASSERT_FALSE(path.empty());
  uint32_t id = 0;
  ASSERT_EQ(aclmdlLoadFromFile(path.c_str(), &id), ACL_SUCCESS) << RecentError();
  aclmdlDesc* desc = aclmdlCreateDesc();
  ASSERT_EQ(aclmdlGetDesc(desc, id), ACL_SUCCESS);
  EXPECT_EQ(aclmdlGetOutputSizeByIndex(desc, 0), 0u);  // known only at run time
  aclmdlIODims dims;
  ASSERT_EQ(aclmdlGetOutputDims(desc, 0, &dims), ACL_SUCCESS);
  EXPECT_EQ(dims.dimCount, 1u);
  EXPECT_EQ(dims.dims[0], -2);  // rank unknown

  Buffers b;
  b.Add(b.in, 6 * sizeof(float));
  b.Add(b.out, 12 * sizeof(int64_t));  // room for the largest output ([2, 6])
  float x[6] = {1, -1, 2, -2, 3, -3};
  ASSERT_EQ(aclrtMemcpy(b.dev[0], sizeof(x), x, sizeof(x), ACL_MEMCPY_HOST_TO_DEVICE),
            ACL_SUCCESS);
  ASSERT_EQ(aclmdlExecute(id, b.in, b.out), ACL_SUCCESS) << RecentError();
  aclTensorDesc* out_desc = aclmdlGetDatasetTensorDesc(b.out, 0);
  ASSERT_NE(out_desc, nullptr);
  ASSERT_EQ(aclGetTensorDescNumDims(out_desc), 2u);
  int64_t d0 = 0, d1 = 0;
  ASSERT_EQ(aclGetTensorDescDimV2(out_desc, 0, &d0), ACL_SUCCESS);
  ASSERT_EQ(aclGetTensorDescDimV2(out_desc, 1, &d1), ACL_SUCCESS);
  EXPECT_EQ(d0, 2);
  EXPECT_EQ(d1, 3);  // three positive elements
  EXPECT_EQ(aclGetTensorDescType(out_desc), ACL_INT64);
  int64_t idx[6] = {};
  ASSERT_EQ(aclrtMemcpy(idx, sizeof(idx), b.dev[1], sizeof(idx), ACL_MEMCPY_DEVICE_TO_HOST),
            ACL_SUCCESS);
  EXPECT_EQ(std::vector<int64_t>(idx, idx + 6), (std::vector<int64_t>{0, 0, 1, 0, 2, 1}));

  // A second run with a different count updates the same desc.
  float all[6] = {1, 1, 1, 1, 1, 1};
  ASSERT_EQ(aclrtMemcpy(b.dev[0], sizeof(all), all, sizeof(all), ACL_MEMCPY_HOST_TO_DEVICE),
            ACL_SUCCESS);
  ASSERT_EQ(aclmdlExecute(id, b.in, b.out), ACL_SUCCESS) << RecentError();
  EXPECT_EQ(aclmdlGetDatasetTensorDesc(b.out, 0), out_desc);
  ASSERT_EQ(aclGetTensorDescDimV2(out_desc, 1, &d1), ACL_SUCCESS);
  EXPECT_EQ(d1, 6);
  aclmdlDestroyDesc(desc);
  EXPECT_EQ(aclmdlUnload(id), ACL_SUCCESS);
}

TEST_F(DataDependentModelTest, TooSmallOutputBufferIsAnErrorWithTheSize) {
  std::string path = WriteNonZeroOm();
  ASSERT_FALSE(path.empty());
  uint32_t id = 0;
  ASSERT_EQ(aclmdlLoadFromFile(path.c_str(), &id), ACL_SUCCESS) << RecentError();
  Buffers b;
  b.Add(b.in, 6 * sizeof(float));
  b.Add(b.out, 4 * sizeof(int64_t));
  float all[6] = {1, 1, 1, 1, 1, 1};
  ASSERT_EQ(aclrtMemcpy(b.dev[0], sizeof(all), all, sizeof(all), ACL_MEMCPY_HOST_TO_DEVICE),
            ACL_SUCCESS);
  EXPECT_EQ(aclmdlExecute(id, b.in, b.out), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentError().find("96 bytes"), std::string::npos) << RecentError();
  EXPECT_EQ(aclmdlUnload(id), ACL_SUCCESS);
}

}  // namespace
}  // namespace openacl_test
