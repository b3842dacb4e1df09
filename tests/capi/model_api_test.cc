// aclmdl* success and misuse paths over a small compiled model.
#include <cstring>
#include <fstream>
#include <thread>
#include <vector>

#include "acl/acl.h"
#include "capi_test_env.h"
#include "model_test_util.h"

namespace openacl_test {
namespace {

class ModelApiTest : public AclDeviceTest {
 protected:
  void SetUp() override {
    AclDeviceTest::SetUp();
    path_ = WriteReluAddOm();
    ASSERT_FALSE(path_.empty());
  }

  // Input and output datasets of device buffers sized from the description.
  void MakeDatasets(uint32_t id) {
    desc_ = aclmdlCreateDesc();
    ASSERT_EQ(aclmdlGetDesc(desc_, id), ACL_SUCCESS);
    in_ = aclmdlCreateDataset();
    out_ = aclmdlCreateDataset();
    for (int side = 0; side < 2; ++side) {
      size_t n = side == 0 ? aclmdlGetNumInputs(desc_) : aclmdlGetNumOutputs(desc_);
      for (size_t i = 0; i < n; ++i) {
        size_t size = side == 0 ? aclmdlGetInputSizeByIndex(desc_, i)
                                : aclmdlGetOutputSizeByIndex(desc_, i);
        void* dev = nullptr;
        ASSERT_EQ(aclrtMalloc(&dev, size, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
        aclDataBuffer* buf = aclCreateDataBuffer(dev, size);
        ASSERT_EQ(aclmdlAddDatasetBuffer(side == 0 ? in_ : out_, buf), ACL_SUCCESS);
        (side == 0 ? in_dev_ : out_dev_).push_back(dev);
      }
    }
  }

  void DestroyDatasets() {
    for (aclmdlDataset* ds : {in_, out_}) {
      if (!ds) continue;
      for (size_t i = 0; i < aclmdlGetDatasetNumBuffers(ds); ++i)
        aclDestroyDataBuffer(aclmdlGetDatasetBuffer(ds, i));
      aclmdlDestroyDataset(ds);
    }
    for (void* p : in_dev_) aclrtFree(p);
    for (void* p : out_dev_) aclrtFree(p);
    if (desc_) aclmdlDestroyDesc(desc_);
    in_ = out_ = nullptr;
    desc_ = nullptr;
    in_dev_.clear();
    out_dev_.clear();
  }

  void TearDown() override {
    DestroyDatasets();
    AclDeviceTest::TearDown();
  }

  std::vector<float> RunOnce(uint32_t id, const std::vector<float>& x) {
    EXPECT_EQ(aclrtMemcpy(in_dev_[0], 32, x.data(), 32, ACL_MEMCPY_HOST_TO_DEVICE), ACL_SUCCESS);
    EXPECT_EQ(aclmdlExecute(id, in_, out_), ACL_SUCCESS) << RecentError();
    std::vector<float> y(8);
    EXPECT_EQ(aclrtMemcpy(y.data(), 32, out_dev_[0], 32, ACL_MEMCPY_DEVICE_TO_HOST), ACL_SUCCESS);
    return y;
  }

  std::string path_;
  aclmdlDesc* desc_ = nullptr;
  aclmdlDataset* in_ = nullptr;
  aclmdlDataset* out_ = nullptr;
  std::vector<void*> in_dev_, out_dev_;
};

const std::vector<float> kX = {-1, 1, -2, 2, 0, 5, -5, 3};
const std::vector<float> kY = {1, 3, 3, 6, 1, 7, 3, 7};

TEST_F(ModelApiTest, LoadDescribeExecuteUnload) {
  uint32_t id = 0;
  ASSERT_EQ(aclmdlLoadFromFile(path_.c_str(), &id), ACL_SUCCESS) << RecentError();
  EXPECT_GE(id, 1u);
  MakeDatasets(id);
  EXPECT_EQ(aclmdlGetNumInputs(desc_), 1u);
  EXPECT_EQ(aclmdlGetNumOutputs(desc_), 1u);
  EXPECT_EQ(aclmdlGetInputSizeByIndex(desc_, 0), 32u);
  aclmdlIODims dims;
  ASSERT_EQ(aclmdlGetInputDims(desc_, 0, &dims), ACL_SUCCESS);
  EXPECT_STREQ(dims.name, "x");
  ASSERT_EQ(dims.dimCount, 2u);
  EXPECT_EQ(dims.dims[0], 2);
  EXPECT_EQ(dims.dims[1], 4);
  ASSERT_EQ(aclmdlGetCurOutputDims(desc_, 0, &dims), ACL_SUCCESS);
  EXPECT_STREQ(dims.name, "y");
  EXPECT_EQ(aclmdlGetInputDataType(desc_, 0), ACL_FLOAT);
  EXPECT_EQ(aclmdlGetInputFormat(desc_, 0), ACL_FORMAT_ND);
  EXPECT_STREQ(aclmdlGetInputNameByIndex(desc_, 0), "x");
  size_t index = 99;
  EXPECT_EQ(aclmdlGetOutputIndexByName(desc_, "y", &index), ACL_SUCCESS);
  EXPECT_EQ(index, 0u);
  EXPECT_NE(aclmdlGetInputIndexByName(desc_, ACL_DYNAMIC_TENSOR_NAME, &index), ACL_SUCCESS);
  aclmdlBatch batch;
  EXPECT_EQ(aclmdlGetDynamicBatch(desc_, &batch), ACL_SUCCESS);
  EXPECT_EQ(batch.batchCount, 0u);
  EXPECT_EQ(RunOnce(id, kX), kY);
  DestroyDatasets();
  EXPECT_EQ(aclmdlUnload(id), ACL_SUCCESS);
  EXPECT_EQ(aclmdlUnload(id), ACL_ERROR_INVALID_MODEL_ID);
  EXPECT_NE(RecentError().find(std::to_string(id)), std::string::npos);
}

TEST_F(ModelApiTest, AsyncMatchesSync) {
  uint32_t id = 0;
  ASSERT_EQ(aclmdlLoadFromFile(path_.c_str(), &id), ACL_SUCCESS);
  MakeDatasets(id);
  aclrtStream stream = nullptr;
  ASSERT_EQ(aclrtCreateStream(&stream), ACL_SUCCESS);
  ASSERT_EQ(aclrtMemcpyAsync(in_dev_[0], 32, kX.data(), 32, ACL_MEMCPY_HOST_TO_DEVICE, stream),
            ACL_SUCCESS);
  ASSERT_EQ(aclmdlExecuteAsync(id, in_, out_, stream), ACL_SUCCESS) << RecentError();
  std::vector<float> y(8, 0.0f);
  ASSERT_EQ(aclrtMemcpyAsync(y.data(), 32, out_dev_[0], 32, ACL_MEMCPY_DEVICE_TO_HOST, stream),
            ACL_SUCCESS);
  // Unloading while work is queued is safe: the queued task keeps the model alive.
  ASSERT_EQ(aclmdlUnload(id), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(stream), ACL_SUCCESS) << RecentError();
  EXPECT_EQ(y, kY);
  EXPECT_EQ(aclrtDestroyStream(stream), ACL_SUCCESS);
}

TEST_F(ModelApiTest, LoadFromMemAndWithMem) {
  std::string bytes = ReadFileBytes(path_);
  size_t work = 0, weight = 0;
  ASSERT_EQ(aclmdlQuerySize(path_.c_str(), &work, &weight), ACL_SUCCESS);
  EXPECT_GT(weight, 0u);
  size_t work2 = 0, weight2 = 0;
  ASSERT_EQ(aclmdlQuerySizeFromMem(bytes.data(), bytes.size(), &work2, &weight2), ACL_SUCCESS);
  EXPECT_EQ(work, work2);
  EXPECT_EQ(weight, weight2);
  void *work_ptr = nullptr, *weight_ptr = nullptr;
  ASSERT_EQ(aclrtMalloc(&work_ptr, work, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  ASSERT_EQ(aclrtMalloc(&weight_ptr, weight, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  uint32_t id = 0;
  ASSERT_EQ(aclmdlLoadFromFileWithMem(path_.c_str(), &id, work_ptr, work, weight_ptr, weight),
            ACL_SUCCESS)
      << RecentError();
  MakeDatasets(id);
  EXPECT_EQ(RunOnce(id, kX), kY);
  DestroyDatasets();
  EXPECT_EQ(aclmdlUnload(id), ACL_SUCCESS);
  // Too small: a clear error, nothing loaded.
  EXPECT_EQ(aclmdlLoadFromFileWithMem(path_.c_str(), &id, work_ptr, work, weight_ptr, weight - 1),
            ACL_ERROR_MODEL_SIZE_INVALID);
  // Host memory as work memory is rejected.
  std::vector<char> host(work);
  EXPECT_EQ(aclmdlLoadFromFileWithMem(path_.c_str(), &id, host.data(), work, nullptr, 0),
            ACL_ERROR_INVALID_PARAM);
  uint32_t mem_id = 0;
  ASSERT_EQ(aclmdlLoadFromMem(bytes.data(), bytes.size(), &mem_id), ACL_SUCCESS) << RecentError();
  EXPECT_EQ(aclmdlUnload(mem_id), ACL_SUCCESS);
  aclrtFree(work_ptr);
  aclrtFree(weight_ptr);
}

TEST_F(ModelApiTest, LoadErrorsNameTheFile) {
  uint32_t id = 0;
  EXPECT_EQ(aclmdlLoadFromFile("/nonexistent/model.om", &id), ACL_ERROR_INVALID_FILE);
  EXPECT_NE(RecentError().find("/nonexistent/model.om"), std::string::npos) << RecentError();
  EXPECT_EQ(aclmdlLoadFromFile(path_.c_str(), nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlLoadFromFile(nullptr, &id), ACL_ERROR_INVALID_PARAM);
  std::string bytes = ReadFileBytes(path_);
  std::string truncated = TempDir() + "/truncated.om";
  std::ofstream(truncated, std::ios::binary).write(bytes.data(), bytes.size() / 2);
  EXPECT_EQ(aclmdlLoadFromFile(truncated.c_str(), &id), ACL_ERROR_DESERIALIZE_MODEL);
  EXPECT_NE(RecentError().find("truncated.om"), std::string::npos) << RecentError();
  std::string flipped = bytes;
  flipped[flipped.size() / 2] ^= 0x5a;
  std::string corrupt = TempDir() + "/corrupt.om";
  std::ofstream(corrupt, std::ios::binary).write(flipped.data(), flipped.size());
  EXPECT_EQ(aclmdlLoadFromFile(corrupt.c_str(), &id), ACL_ERROR_DESERIALIZE_MODEL);
  EXPECT_NE(aclmdlLoadFromMem(flipped.data(), flipped.size(), &id), ACL_SUCCESS);
  EXPECT_EQ(aclmdlUnload(12345), ACL_ERROR_INVALID_MODEL_ID);
}

TEST_F(ModelApiTest, ExecuteChecksDatasets) {
  uint32_t id = 0;
  ASSERT_EQ(aclmdlLoadFromFile(path_.c_str(), &id), ACL_SUCCESS);
  MakeDatasets(id);
  // A host pointer as input: INVALID_PARAM naming the input index; output untouched.
  std::vector<float> host(8, 1.0f);
  aclmdlDataset* bad_in = aclmdlCreateDataset();
  aclDataBuffer* host_buf = aclCreateDataBuffer(host.data(), 32);
  ASSERT_EQ(aclmdlAddDatasetBuffer(bad_in, host_buf), ACL_SUCCESS);
  float sentinel[8];
  std::fill(sentinel, sentinel + 8, 42.0f);
  ASSERT_EQ(aclrtMemcpy(out_dev_[0], 32, sentinel, 32, ACL_MEMCPY_HOST_TO_DEVICE), ACL_SUCCESS);
  EXPECT_EQ(aclmdlExecute(id, bad_in, out_), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentError().find("input 0"), std::string::npos) << RecentError();
  float after[8];
  ASSERT_EQ(aclrtMemcpy(after, 32, out_dev_[0], 32, ACL_MEMCPY_DEVICE_TO_HOST), ACL_SUCCESS);
  EXPECT_EQ(std::memcmp(after, sentinel, 32), 0);
  // Wrong buffer count.
  aclmdlDataset* empty = aclmdlCreateDataset();
  EXPECT_EQ(aclmdlExecute(id, empty, out_), ACL_ERROR_INVALID_PARAM);
  // Too small a device buffer.
  void* small = nullptr;
  ASSERT_EQ(aclrtMalloc(&small, 16, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  aclmdlDataset* small_in = aclmdlCreateDataset();
  aclDataBuffer* small_buf = aclCreateDataBuffer(small, 16);
  aclmdlAddDatasetBuffer(small_in, small_buf);
  EXPECT_EQ(aclmdlExecute(id, small_in, out_), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentError().find("16 bytes"), std::string::npos) << RecentError();
  // Stale model id, null and destroyed datasets.
  EXPECT_EQ(aclmdlExecute(777, in_, out_), ACL_ERROR_INVALID_MODEL_ID);
  EXPECT_EQ(aclmdlExecute(id, nullptr, out_), ACL_ERROR_INVALID_PARAM);
  aclmdlDestroyDataset(empty);
  EXPECT_EQ(aclmdlExecute(id, empty, out_), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlDestroyDataset(empty), ACL_ERROR_INVALID_PARAM);
  aclDestroyDataBuffer(small_buf);
  aclmdlDestroyDataset(small_in);
  aclrtFree(small);
  aclDestroyDataBuffer(host_buf);
  aclmdlDestroyDataset(bad_in);
  DestroyDatasets();
  EXPECT_EQ(aclmdlUnload(id), ACL_SUCCESS);
}

TEST_F(ModelApiTest, ConcurrentExecuteFromThreads) {
  uint32_t id = 0;
  ASSERT_EQ(aclmdlLoadFromFile(path_.c_str(), &id), ACL_SUCCESS);
  aclrtContext ctx = nullptr;
  ASSERT_EQ(aclrtGetCurrentContext(&ctx), ACL_SUCCESS);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      aclrtSetCurrentContext(ctx);
      void *in_dev = nullptr, *out_dev = nullptr;
      aclrtMalloc(&in_dev, 32, ACL_MEM_MALLOC_HUGE_FIRST);
      aclrtMalloc(&out_dev, 32, ACL_MEM_MALLOC_HUGE_FIRST);
      aclmdlDataset* in = aclmdlCreateDataset();
      aclmdlDataset* out = aclmdlCreateDataset();
      aclDataBuffer* ib = aclCreateDataBuffer(in_dev, 32);
      aclDataBuffer* ob = aclCreateDataBuffer(out_dev, 32);
      aclmdlAddDatasetBuffer(in, ib);
      aclmdlAddDatasetBuffer(out, ob);
      for (int it = 0; it < 300; ++it) {
        float x[8], y[8];
        for (int i = 0; i < 8; ++i) x[i] = static_cast<float>(t + it + i);
        aclrtMemcpy(in_dev, 32, x, 32, ACL_MEMCPY_HOST_TO_DEVICE);
        if (aclmdlExecute(id, in, out) != ACL_SUCCESS) ++failures;
        aclrtMemcpy(y, 32, out_dev, 32, ACL_MEMCPY_DEVICE_TO_HOST);
        for (int i = 0; i < 8; ++i)
          if (y[i] != x[i] + static_cast<float>(i % 4 + 1)) ++failures;
      }
      aclDestroyDataBuffer(ib);
      aclDestroyDataBuffer(ob);
      aclmdlDestroyDataset(in);
      aclmdlDestroyDataset(out);
      aclrtFree(in_dev);
      aclrtFree(out_dev);
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(aclmdlUnload(id), ACL_SUCCESS);
}

TEST_F(ModelApiTest, DescMisuse) {
  aclmdlDesc* desc = aclmdlCreateDesc();
  EXPECT_EQ(aclmdlGetDesc(desc, 999), ACL_ERROR_INVALID_MODEL_ID);
  EXPECT_EQ(aclmdlGetDesc(nullptr, 1), ACL_ERROR_INVALID_PARAM);
  aclmdlIODims dims;
  EXPECT_EQ(aclmdlGetInputDims(desc, 0, &dims), ACL_ERROR_INVALID_PARAM);
  ASSERT_EQ(aclmdlGetDescFromFile(desc, path_.c_str()), ACL_SUCCESS) << RecentError();
  EXPECT_EQ(aclmdlGetInputDims(desc, 5, &dims), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlGetInputSizeByIndex(desc, 5), 0u);
  EXPECT_EQ(aclmdlDestroyDesc(desc), ACL_SUCCESS);
  EXPECT_EQ(aclmdlDestroyDesc(desc), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlSetDynamicBatchSize(999, nullptr, 0, 1), ACL_ERROR_INVALID_MODEL_ID);
}

TEST_F(ModelApiTest, LoadWithConfig) {
  aclmdlConfigHandle* h = aclmdlCreateConfigHandle();
  size_t type = ACL_MDL_LOAD_FROM_FILE;
  const char* p = path_.c_str();
  ASSERT_EQ(aclmdlSetConfigOpt(h, ACL_MDL_LOAD_TYPE_SIZET, &type, sizeof(type)), ACL_SUCCESS);
  ASSERT_EQ(aclmdlSetConfigOpt(h, ACL_MDL_PATH_PTR, &p, sizeof(p)), ACL_SUCCESS);
  uint32_t id = 0;
  ASSERT_EQ(aclmdlLoadWithConfig(h, &id), ACL_SUCCESS) << RecentError();
  EXPECT_EQ(aclmdlUnload(id), ACL_SUCCESS);
  EXPECT_EQ(aclmdlSetConfigOpt(h, ACL_MDL_LOAD_TYPE_SIZET, &type, 1), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlDestroyConfigHandle(h), ACL_SUCCESS);
  EXPECT_EQ(aclmdlLoadWithConfig(h, &id), ACL_ERROR_INVALID_PARAM);
}

}  // namespace
}  // namespace openacl_test
