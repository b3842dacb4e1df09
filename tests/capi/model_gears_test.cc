// Gear models through the C API: descriptions, the ascend_mbatch_shape_data input, the setters,
// every gear's result against the static model of that shape, async and concurrent executes,
// aclmdlQuerySize, and misuse.
#include <atomic>
#include <cmath>
#include <cstring>
#include <thread>
#include <vector>

#include "acl/acl.h"
#include "capi_test_env.h"
#include "gear_test_util.h"
#include "model_test_util.h"

namespace openacl_test {
namespace {

using openacl::GearFlags;

class ModelGearsTest : public AclDeviceTest {};

GearFlags BatchFlags() {
  GearFlags f;
  f.input_shape = "x:-1,3,8,8";
  f.dynamic_batch_size = "1,2,4,8";
  return f;
}

GearFlags ImageFlags() {
  GearFlags f;
  f.input_shape = "x:2,3,-1,-1";
  f.dynamic_image_size = "8,8;16,12;6,10";
  return f;
}

GearFlags DimsFlags() {
  GearFlags f;
  f.input_shape = "a:2,-1;b:-1,3";
  f.input_format = "ND";
  f.dynamic_dims = "4,4;8,8;5,5";
  return f;
}

std::vector<float> Data(size_t n, float phase) {
  std::vector<float> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = std::sin(0.37f * static_cast<float>(i) + phase);
  return v;
}

// A loaded model with device buffers for every input and output (sizes from the description).
struct Session {
  uint32_t id = 0;
  aclmdlDesc* desc = nullptr;
  aclmdlDataset* in = nullptr;
  aclmdlDataset* out = nullptr;
  std::vector<void*> in_dev, out_dev;
  std::vector<size_t> in_size, out_size;

  bool Load(const std::string& path) {
    if (aclmdlLoadFromFile(path.c_str(), &id) != ACL_SUCCESS) return false;
    desc = aclmdlCreateDesc();
    if (aclmdlGetDesc(desc, id) != ACL_SUCCESS) return false;
    in = aclmdlCreateDataset();
    out = aclmdlCreateDataset();
    for (size_t i = 0; i < aclmdlGetNumInputs(desc); ++i) Add(in, aclmdlGetInputSizeByIndex(desc, i), &in_dev, &in_size);
    for (size_t i = 0; i < aclmdlGetNumOutputs(desc); ++i) Add(out, aclmdlGetOutputSizeByIndex(desc, i), &out_dev, &out_size);
    return true;
  }
  void Add(aclmdlDataset* ds, size_t size, std::vector<void*>* dev, std::vector<size_t>* sizes) {
    void* p = nullptr;
    EXPECT_EQ(aclrtMalloc(&p, size, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
    dev->push_back(p);
    sizes->push_back(size);
    EXPECT_EQ(aclmdlAddDatasetBuffer(ds, aclCreateDataBuffer(p, size)), ACL_SUCCESS);
  }
  void Put(size_t input, const std::vector<float>& v) {
    ASSERT_LE(v.size() * sizeof(float), in_size[input]);
    ASSERT_EQ(aclrtMemcpy(in_dev[input], in_size[input], v.data(), v.size() * sizeof(float),
                          ACL_MEMCPY_HOST_TO_DEVICE),
              ACL_SUCCESS);
  }
  std::vector<float> Get(size_t output, size_t count) {
    std::vector<float> v(count);
    EXPECT_EQ(aclrtMemcpy(v.data(), count * sizeof(float), out_dev[output], count * sizeof(float),
                          ACL_MEMCPY_DEVICE_TO_HOST),
              ACL_SUCCESS);
    return v;
  }
  ~Session() {
    for (aclmdlDataset* ds : {in, out}) {
      if (!ds) continue;
      for (size_t i = 0; i < aclmdlGetDatasetNumBuffers(ds); ++i)
        aclDestroyDataBuffer(aclmdlGetDatasetBuffer(ds, i));
      aclmdlDestroyDataset(ds);
    }
    for (void* p : in_dev) aclrtFree(p);
    for (void* p : out_dev) aclrtFree(p);
    if (desc) aclmdlDestroyDesc(desc);
    if (id) aclmdlUnload(id);
  }
};

// Runs the static model once and returns output 0.
std::vector<float> RunStatic(const std::string& path, const std::vector<std::vector<float>>& inputs) {
  Session s;
  EXPECT_TRUE(s.Load(path)) << RecentError();
  for (size_t i = 0; i < inputs.size(); ++i) s.Put(i, inputs[i]);
  EXPECT_EQ(aclmdlExecute(s.id, s.in, s.out), ACL_SUCCESS) << RecentError();
  return s.Get(0, s.out_size[0] / sizeof(float));
}

void ExpectNear(const std::vector<float>& got, const std::vector<float>& want, const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (size_t i = 0; i < got.size(); ++i)
    ASSERT_NEAR(got[i], want[i], 1e-5f * (1.f + std::fabs(want[i]))) << what << " element " << i;
}

std::vector<int64_t> DimsOf(const aclmdlIODims& d) {
  return std::vector<int64_t>(d.dims, d.dims + d.dimCount);
}

std::string BatchOm() {
  static std::string path = [] {
    std::string error;
    std::string p = WriteGearOm(GearNet::kConv, "gears_batch", BatchFlags(), &error);
    EXPECT_FALSE(p.empty()) << error;
    return p;
  }();
  return path;
}

TEST_F(ModelGearsTest, BatchModelDescribesItselfAsAscendClDoes) {
  Session s;
  ASSERT_TRUE(s.Load(BatchOm())) << RecentError();
  ASSERT_EQ(aclmdlGetNumInputs(s.desc), 2u);
  size_t index = 99;
  ASSERT_EQ(aclmdlGetInputIndexByName(s.desc, ACL_DYNAMIC_TENSOR_NAME, &index), ACL_SUCCESS);
  EXPECT_EQ(index, 1u);
  EXPECT_EQ(aclmdlGetInputSizeByIndex(s.desc, 1), 4u);
  EXPECT_EQ(aclmdlGetInputDataType(s.desc, 1), ACL_INT32);
  EXPECT_EQ(aclmdlGetInputFormat(s.desc, 1), ACL_FORMAT_ND);
  aclmdlIODims dims;
  ASSERT_EQ(aclmdlGetInputDims(s.desc, 1, &dims), ACL_SUCCESS);
  EXPECT_EQ(DimsOf(dims), (std::vector<int64_t>{1}));
  ASSERT_EQ(aclmdlGetInputDims(s.desc, 0, &dims), ACL_SUCCESS);
  EXPECT_EQ(DimsOf(dims), (std::vector<int64_t>{-1, 3, 8, 8}));
  EXPECT_EQ(aclmdlGetInputSizeByIndex(s.desc, 0), 8u * 3 * 8 * 8 * sizeof(float));  // max gear
  EXPECT_EQ(aclmdlGetOutputSizeByIndex(s.desc, 0), 8u * 4 * sizeof(float));
  ASSERT_EQ(aclmdlGetOutputDims(s.desc, 0, &dims), ACL_SUCCESS);
  EXPECT_EQ(DimsOf(dims), (std::vector<int64_t>{8, 4}));
  ASSERT_EQ(aclmdlGetCurOutputDims(s.desc, 0, &dims), ACL_SUCCESS);  // no gear set: max
  EXPECT_EQ(DimsOf(dims), (std::vector<int64_t>{8, 4}));

  aclmdlIODimsRange range;
  ASSERT_EQ(aclmdlGetInputDimsRange(s.desc, 0, &range), ACL_SUCCESS);
  ASSERT_EQ(range.rangeCount, 4u);
  EXPECT_EQ(range.range[0][0], 1);  // the batch dim ranges over the gears
  EXPECT_EQ(range.range[0][1], 8);
  EXPECT_EQ(range.range[1][0], 3);
  EXPECT_EQ(range.range[1][1], 3);

  aclmdlBatch batch;
  ASSERT_EQ(aclmdlGetDynamicBatch(s.desc, &batch), ACL_SUCCESS);
  ASSERT_EQ(batch.batchCount, 4u);
  EXPECT_EQ(std::vector<uint64_t>(batch.batch, batch.batch + 4), (std::vector<uint64_t>{1, 2, 4, 8}));
  aclmdlHW hw;
  ASSERT_EQ(aclmdlGetDynamicHW(s.desc, static_cast<size_t>(-1), &hw), ACL_SUCCESS);
  EXPECT_EQ(hw.hwCount, 0u);
  size_t gears = 0;
  ASSERT_EQ(aclmdlGetInputDynamicGearCount(s.desc, static_cast<size_t>(-1), &gears), ACL_SUCCESS);
  ASSERT_EQ(gears, 4u);
  std::vector<aclmdlIODims> all(gears);
  ASSERT_EQ(aclmdlGetInputDynamicDims(s.desc, static_cast<size_t>(-1), all.data(), gears),
            ACL_SUCCESS);
  EXPECT_EQ(DimsOf(all[2]), (std::vector<int64_t>{4, 3, 8, 8}));
  EXPECT_NE(aclmdlGetInputDynamicDims(s.desc, static_cast<size_t>(-1), all.data(), 3), ACL_SUCCESS);

  // The description from the file alone says the same.
  aclmdlDesc* file_desc = aclmdlCreateDesc();
  ASSERT_EQ(aclmdlGetDescFromFile(file_desc, BatchOm().c_str()), ACL_SUCCESS) << RecentError();
  ASSERT_EQ(aclmdlGetDynamicBatch(file_desc, &batch), ACL_SUCCESS);
  EXPECT_EQ(batch.batchCount, 4u);
  aclmdlDestroyDesc(file_desc);
}

TEST_F(ModelGearsTest, StaticModelHasNoGearInput) {
  std::string path = WriteReluAddOm();
  Session s;
  ASSERT_TRUE(s.Load(path)) << RecentError();
  size_t index = 0;
  EXPECT_NE(aclmdlGetInputIndexByName(s.desc, ACL_DYNAMIC_TENSOR_NAME, &index), ACL_SUCCESS);
  aclmdlBatch batch;
  ASSERT_EQ(aclmdlGetDynamicBatch(s.desc, &batch), ACL_SUCCESS);
  EXPECT_EQ(batch.batchCount, 0u);
  size_t gears = 7;
  ASSERT_EQ(aclmdlGetInputDynamicGearCount(s.desc, static_cast<size_t>(-1), &gears), ACL_SUCCESS);
  EXPECT_EQ(gears, 0u);
  EXPECT_EQ(aclmdlSetDynamicBatchSize(s.id, s.in, 1, 2), ACL_ERROR_MODEL_NOT_DYNAMIC);
  EXPECT_NE(RecentError().find("has no dynamic gears"), std::string::npos) << RecentError();
}

TEST_F(ModelGearsTest, EveryBatchGearEqualsTheStaticModelOfThatShape) {
  Session s;
  ASSERT_TRUE(s.Load(BatchOm())) << RecentError();
  // Switch gears back and forth: each call's result depends only on its own gear.
  for (uint64_t b : {8u, 1u, 4u, 2u, 8u, 1u}) {
    std::vector<float> x = Data(b * 3 * 8 * 8, static_cast<float>(b));
    s.Put(0, x);
    ASSERT_EQ(aclmdlSetDynamicBatchSize(s.id, s.in, 1, b), ACL_SUCCESS) << RecentError();
    ASSERT_EQ(aclmdlExecute(s.id, s.in, s.out), ACL_SUCCESS) << RecentError();
    std::string static_path = WriteStaticOm(GearNet::kConv, "static_b" + std::to_string(b),
                                            {{"x", {static_cast<int64_t>(b), 3, 8, 8}}});
    ASSERT_FALSE(static_path.empty());
    std::vector<float> want = RunStatic(static_path, {x});
    ExpectNear(s.Get(0, b * 4), want, "batch " + std::to_string(b));
    aclmdlIODims dims;
    ASSERT_EQ(aclmdlGetCurOutputDims(s.desc, 0, &dims), ACL_SUCCESS);
    EXPECT_EQ(DimsOf(dims), (std::vector<int64_t>{static_cast<int64_t>(b), 4}));
    aclTensorDesc* out_desc = aclmdlGetDatasetTensorDesc(s.out, 0);
    ASSERT_NE(out_desc, nullptr);
    int64_t d0 = 0;
    ASSERT_EQ(aclGetTensorDescDimV2(out_desc, 0, &d0), ACL_SUCCESS);
    EXPECT_EQ(d0, static_cast<int64_t>(b));
    EXPECT_EQ(aclGetTensorDescSize(out_desc), b * 4 * sizeof(float));
  }
}

TEST_F(ModelGearsTest, SetterMisuseIsAnErrorListingTheGears) {
  Session s;
  ASSERT_TRUE(s.Load(BatchOm())) << RecentError();
  EXPECT_EQ(aclmdlSetDynamicBatchSize(s.id, s.in, 1, 3), static_cast<aclError>(ACL_ERROR_GE_SHAPE_INVALID));
  EXPECT_NE(RecentError().find("batch size 3 is not one of the model's gears (1,2,4,8)"),
            std::string::npos) << RecentError();
  EXPECT_EQ(aclmdlSetDynamicBatchSize(s.id, s.in, 0, 2), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentError().find("index 0 is not the ascend_mbatch_shape_data input"),
            std::string::npos) << RecentError();
  EXPECT_EQ(aclmdlSetDynamicHWSize(s.id, s.in, 1, 8, 8), ACL_ERROR_MODEL_NOT_DYNAMIC);
  const std::string wrong_kind = RecentError();
  EXPECT_NE(wrong_kind.find("dynamic batch gears (1,2,4,8); aclmdlSetDynamicHWSize sets"),
            std::string::npos) << wrong_kind;
  aclmdlIODims dims = {};
  dims.dimCount = 4;
  EXPECT_EQ(aclmdlSetInputDynamicDims(s.id, s.in, 1, &dims), ACL_ERROR_MODEL_NOT_DYNAMIC);
  EXPECT_EQ(aclmdlSetInputDynamicDims(s.id, s.in, 1, nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlSetDynamicBatchSize(s.id + 1000, s.in, 1, 2), ACL_ERROR_INVALID_MODEL_ID);
  EXPECT_EQ(aclmdlSetDynamicBatchSize(s.id, nullptr, 1, 2), ACL_ERROR_INVALID_PARAM);
  aclmdlDataset* empty = aclmdlCreateDataset();
  EXPECT_EQ(aclmdlSetDynamicBatchSize(s.id, empty, 1, 2), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentError().find("no buffer at index 1"), std::string::npos) << RecentError();
  aclmdlDestroyDataset(empty);

  // No Set call on this dataset: execute names the setter and the gears.
  EXPECT_EQ(aclmdlExecute(s.id, s.in, s.out), static_cast<aclError>(ACL_ERROR_GE_SHAPE_INVALID));
  const std::string missing = RecentError();
  EXPECT_NE(missing.find("no gear was set"), std::string::npos) << missing;
  EXPECT_NE(missing.find("aclmdlSetDynamicBatchSize"), std::string::npos) << missing;
  EXPECT_NE(missing.find("1,2,4,8"), std::string::npos) << missing;

  // A gear input holding a value that is not a gear (written by hand) is refused at execute.
  ASSERT_EQ(aclmdlSetDynamicBatchSize(s.id, s.in, 1, 2), ACL_SUCCESS);
  int32_t bogus = 5;
  ASSERT_EQ(aclrtMemcpy(s.in_dev[1], 4, &bogus, 4, ACL_MEMCPY_HOST_TO_DEVICE), ACL_SUCCESS);
  EXPECT_EQ(aclmdlExecute(s.id, s.in, s.out), static_cast<aclError>(ACL_ERROR_GE_SHAPE_INVALID));
  EXPECT_NE(RecentError().find("batch size 5"), std::string::npos) << RecentError();
}

TEST_F(ModelGearsTest, AsyncAndConcurrentExecutesAtDifferentGears) {
  Session s;
  ASSERT_TRUE(s.Load(BatchOm())) << RecentError();
  std::vector<std::vector<float>> want;
  const std::vector<uint64_t> batches = {1, 2, 4, 8};
  for (uint64_t b : batches) {
    std::string p = WriteStaticOm(GearNet::kConv, "static_b" + std::to_string(b),
                                  {{"x", {static_cast<int64_t>(b), 3, 8, 8}}});
    want.push_back(RunStatic(p, {Data(b * 3 * 8 * 8, 0.5f)}));
  }
  // Async on a stream.
  aclrtStream stream = nullptr;
  ASSERT_EQ(aclrtCreateStream(&stream), ACL_SUCCESS);
  s.Put(0, Data(4 * 3 * 8 * 8, 0.5f));
  ASSERT_EQ(aclmdlSetDynamicBatchSize(s.id, s.in, 1, 4), ACL_SUCCESS);
  ASSERT_EQ(aclmdlExecuteAsync(s.id, s.in, s.out, stream), ACL_SUCCESS) << RecentError();
  ASSERT_EQ(aclrtSynchronizeStream(stream), ACL_SUCCESS) << RecentError();
  ExpectNear(s.Get(0, 4 * 4), want[2], "async batch 4");
  ASSERT_EQ(aclrtDestroyStream(stream), ACL_SUCCESS);

  // Four threads, each its own datasets and gear, on one model.
  aclrtContext ctx = nullptr;
  ASSERT_EQ(aclrtGetCurrentContext(&ctx), ACL_SUCCESS);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (size_t t = 0; t < batches.size(); ++t)
    threads.emplace_back([&, t] {
      aclrtSetCurrentContext(ctx);
      Session mine;  // datasets only; the model is shared
      mine.id = 0;
      mine.desc = aclmdlCreateDesc();
      aclmdlGetDesc(mine.desc, s.id);
      mine.in = aclmdlCreateDataset();
      mine.out = aclmdlCreateDataset();
      mine.Add(mine.in, s.in_size[0], &mine.in_dev, &mine.in_size);
      mine.Add(mine.in, s.in_size[1], &mine.in_dev, &mine.in_size);
      mine.Add(mine.out, s.out_size[0], &mine.out_dev, &mine.out_size);
      const uint64_t b = batches[t];
      mine.Put(0, Data(b * 3 * 8 * 8, 0.5f));
      for (int round = 0; round < 20; ++round) {
        if (aclmdlSetDynamicBatchSize(s.id, mine.in, 1, b) != ACL_SUCCESS ||
            aclmdlExecute(s.id, mine.in, mine.out) != ACL_SUCCESS) {
          ++failures;
          return;
        }
        std::vector<float> got = mine.Get(0, b * 4);
        for (size_t i = 0; i < got.size(); ++i)
          if (std::fabs(got[i] - want[t][i]) > 1e-5f * (1.f + std::fabs(want[t][i]))) {
            ++failures;
            return;
          }
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST_F(ModelGearsTest, QuerySizeIsTheLargestGearAndLoadWithThatMemoryRuns) {
  size_t work = 0, weight = 0;
  ASSERT_EQ(aclmdlQuerySize(BatchOm().c_str(), &work, &weight), ACL_SUCCESS) << RecentError();
  size_t work8 = 0, weight8 = 0, work1 = 0, weight1 = 0;
  std::string s8 = WriteStaticOm(GearNet::kConv, "static_b8", {{"x", {8, 3, 8, 8}}});
  std::string s1 = WriteStaticOm(GearNet::kConv, "static_b1", {{"x", {1, 3, 8, 8}}});
  ASSERT_EQ(aclmdlQuerySize(s8.c_str(), &work8, &weight8), ACL_SUCCESS);
  ASSERT_EQ(aclmdlQuerySize(s1.c_str(), &work1, &weight1), ACL_SUCCESS);
  EXPECT_EQ(work, work8);      // the largest gear's work, not the sum
  EXPECT_GT(work, work1);
  EXPECT_EQ(weight, weight8);  // one copy of the weights for all gears

  void* work_mem = nullptr;
  void* weight_mem = nullptr;
  ASSERT_EQ(aclrtMalloc(&work_mem, work, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  ASSERT_EQ(aclrtMalloc(&weight_mem, weight, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  uint32_t id = 0;
  ASSERT_EQ(aclmdlLoadFromFileWithMem(BatchOm().c_str(), &id, work_mem, work, weight_mem, weight),
            ACL_SUCCESS) << RecentError();
  Session s;
  s.id = id;
  s.desc = aclmdlCreateDesc();
  ASSERT_EQ(aclmdlGetDesc(s.desc, id), ACL_SUCCESS);
  s.in = aclmdlCreateDataset();
  s.out = aclmdlCreateDataset();
  s.Add(s.in, aclmdlGetInputSizeByIndex(s.desc, 0), &s.in_dev, &s.in_size);
  s.Add(s.in, aclmdlGetInputSizeByIndex(s.desc, 1), &s.in_dev, &s.in_size);
  s.Add(s.out, aclmdlGetOutputSizeByIndex(s.desc, 0), &s.out_dev, &s.out_size);
  for (uint64_t b : {8u, 1u}) {
    std::vector<float> x = Data(b * 3 * 8 * 8, 1.5f);
    s.Put(0, x);
    ASSERT_EQ(aclmdlSetDynamicBatchSize(id, s.in, 1, b), ACL_SUCCESS);
    ASSERT_EQ(aclmdlExecute(id, s.in, s.out), ACL_SUCCESS) << RecentError();
    ExpectNear(s.Get(0, b * 4), RunStatic(b == 8 ? s8 : s1, {x}), "with caller memory");
  }
  ASSERT_EQ(aclmdlUnload(id), ACL_SUCCESS);
  s.id = 0;
  aclrtFree(work_mem);
  aclrtFree(weight_mem);
}

TEST_F(ModelGearsTest, EveryImageSizeGearEqualsTheStaticModel) {
  std::string error;
  std::string path = WriteGearOm(GearNet::kConv, "gears_hw", ImageFlags(), &error);
  ASSERT_FALSE(path.empty()) << error;
  Session s;
  ASSERT_TRUE(s.Load(path)) << RecentError();
  EXPECT_EQ(aclmdlGetInputSizeByIndex(s.desc, 1), 8u);  // [2] int32
  aclmdlIODims dims;
  ASSERT_EQ(aclmdlGetInputDims(s.desc, 0, &dims), ACL_SUCCESS);
  EXPECT_EQ(DimsOf(dims), (std::vector<int64_t>{2, 3, -1, -1}));
  EXPECT_EQ(aclmdlGetInputSizeByIndex(s.desc, 0), 2u * 3 * 16 * 12 * sizeof(float));
  aclmdlHW hw;
  ASSERT_EQ(aclmdlGetDynamicHW(s.desc, static_cast<size_t>(-1), &hw), ACL_SUCCESS);
  ASSERT_EQ(hw.hwCount, 3u);
  EXPECT_EQ(hw.hw[1][0], 16u);
  EXPECT_EQ(hw.hw[1][1], 12u);
  for (auto [h, w] : std::vector<std::pair<uint64_t, uint64_t>>{{16, 12}, {8, 8}, {6, 10}}) {
    std::vector<float> x = Data(2 * 3 * h * w, static_cast<float>(h + w));
    s.Put(0, x);
    ASSERT_EQ(aclmdlSetDynamicHWSize(s.id, s.in, 1, h, w), ACL_SUCCESS) << RecentError();
    ASSERT_EQ(aclmdlExecute(s.id, s.in, s.out), ACL_SUCCESS) << RecentError();
    std::string sp = WriteStaticOm(GearNet::kConv, "static_hw" + std::to_string(h * 100 + w),
                                   {{"x", {2, 3, static_cast<int64_t>(h), static_cast<int64_t>(w)}}});
    ExpectNear(s.Get(0, 2 * 4), RunStatic(sp, {x}), "hw gear");
  }
  EXPECT_EQ(aclmdlSetDynamicHWSize(s.id, s.in, 1, 8, 12), static_cast<aclError>(ACL_ERROR_GE_SHAPE_INVALID));
  EXPECT_NE(RecentError().find("8,8;16,12;6,10"), std::string::npos) << RecentError();
  EXPECT_EQ(aclmdlSetDynamicBatchSize(s.id, s.in, 1, 2), ACL_ERROR_MODEL_NOT_DYNAMIC);
}

TEST_F(ModelGearsTest, EveryDimsGearEqualsTheStaticModel) {
  std::string error;
  std::string path = WriteGearOm(GearNet::kMatMul, "gears_dims", DimsFlags(), &error);
  ASSERT_FALSE(path.empty()) << error;
  Session s;
  ASSERT_TRUE(s.Load(path)) << RecentError();
  ASSERT_EQ(aclmdlGetNumInputs(s.desc), 3u);
  EXPECT_EQ(aclmdlGetInputSizeByIndex(s.desc, 2), 8u);  // two dynamic dims: [2] int32
  size_t gears = 0;
  ASSERT_EQ(aclmdlGetInputDynamicGearCount(s.desc, static_cast<size_t>(-1), &gears), ACL_SUCCESS);
  ASSERT_EQ(gears, 3u);
  std::vector<aclmdlIODims> all(gears);
  ASSERT_EQ(aclmdlGetInputDynamicDims(s.desc, static_cast<size_t>(-1), all.data(), gears),
            ACL_SUCCESS);
  EXPECT_EQ(DimsOf(all[1]), (std::vector<int64_t>{2, 8, 8, 3}));  // a [2,8] then b [8,3]
  for (int64_t k : {8, 4, 5}) {
    std::vector<float> a = Data(2 * k, 0.1f), b = Data(k * 3, 2.f);
    s.Put(0, a);
    s.Put(1, b);
    aclmdlIODims d = {};
    d.dimCount = 4;
    int64_t full[] = {2, k, k, 3};
    std::memcpy(d.dims, full, sizeof(full));
    ASSERT_EQ(aclmdlSetInputDynamicDims(s.id, s.in, 2, &d), ACL_SUCCESS) << RecentError();
    ASSERT_EQ(aclmdlExecute(s.id, s.in, s.out), ACL_SUCCESS) << RecentError();
    std::string sp = WriteStaticOm(GearNet::kMatMul, "static_k" + std::to_string(k),
                                   {{"a", {2, k}}, {"b", {k, 3}}});
    ExpectNear(s.Get(0, 6), RunStatic(sp, {a, b}), "dims gear " + std::to_string(k));
  }
  aclmdlIODims d = {};
  d.dimCount = 4;
  int64_t wrong[] = {2, 6, 6, 3};
  std::memcpy(d.dims, wrong, sizeof(wrong));
  EXPECT_EQ(aclmdlSetInputDynamicDims(s.id, s.in, 2, &d), static_cast<aclError>(ACL_ERROR_GE_SHAPE_INVALID));
  EXPECT_NE(RecentError().find("[2,4,4,3]"), std::string::npos) << RecentError();
}

}  // namespace
}  // namespace openacl_test
