// Faults: device memory exhausted (issue 12 §5/§6). With a small openacl.device_memory_mb a
// device has ONE budget: aclrtMalloc blocks and loaded models' work + weight memory. Exhaustion
// is ACL_ERROR_RT_MEMORY_ALLOCATION with a message, nothing leaks, and later calls work once
// memory is freed.
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "capi_test_env.h"
#include "compiler/compiler.h"
#include "format/om_writer.h"
#include "model_test_util.h"

namespace openacl_test {
namespace {

constexpr size_t kMiB = size_t{1} << 20;
constexpr int64_t kRows = 256, kCols = 1024;  // float[256,1024] = 1 MiB

// y = x + w with a 1 MiB weight w (all 2.0).
std::string WriteOneMiBWeightOm() {
  using namespace openacl;
  std::string path = TempDir() + "/one_mib_weight.om";
  auto g = std::make_unique<Graph>();
  g->opset = 17;
  Value* x = g->AddValue("x");
  x->dtype = DType::kFloat32;
  x->shape = {kRows, kCols};
  x->has_shape = true;
  g->inputs.push_back(x);
  Value* w = g->AddConstant(
      "w", Tensor::FromFloat(std::vector<float>(kRows * kCols, 2.0f), {kRows, kCols}));
  Value* y = g->AddValue("y");
  g->AddNode("Add", {x, w}, {y});
  g->outputs.push_back(y);
  auto model = CompileGraph(std::move(g), CompileOptions());
  if (!model.ok() || !WriteOm(*model, path).ok()) return "";
  return path;
}

size_t FreeDeviceBytes() {
  size_t free_bytes = 0, total = 0;
  EXPECT_EQ(aclrtGetMemInfo(ACL_HBM_MEM, &free_bytes, &total), ACL_SUCCESS);
  return free_bytes;
}

class FaultMemoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = WriteOneMiBWeightOm();
    ASSERT_FALSE(path_.empty());
    std::string cfg = ::testing::TempDir() + "openacl_fault_memory_acl.json";
    std::ofstream(cfg) << R"({"openacl": {"device_memory_mb": 4}})";
    ASSERT_EQ(aclFinalize(), ACL_SUCCESS);
    ASSERT_EQ(aclInit(cfg.c_str()), ACL_SUCCESS);
    ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
  }
  void TearDown() override {
    EXPECT_EQ(aclrtResetDevice(0), ACL_SUCCESS);
    EXPECT_EQ(aclFinalize(), ACL_SUCCESS);
    EXPECT_EQ(aclInit(nullptr), ACL_SUCCESS);  // as the environment left it
  }
  std::string path_;
};

TEST_F(FaultMemoryTest, MallocPastTheBudgetIsAMemoryErrorAndLeavesNothingBehind) {
  size_t before = FreeDeviceBytes();
  EXPECT_EQ(before, 4 * kMiB);
  void* p = nullptr;
  EXPECT_EQ(aclrtMalloc(&p, 5 * kMiB, ACL_MEM_MALLOC_HUGE_FIRST), ACL_ERROR_RT_MEMORY_ALLOCATION);
  EXPECT_NE(RecentError().find("device memory exhausted"), std::string::npos);
  EXPECT_EQ(p, nullptr);
  EXPECT_EQ(FreeDeviceBytes(), before);
  // Fill it, fail, free one block: the next allocation works.
  std::vector<void*> blocks;
  for (int i = 0; i < 4; ++i) {
    void* b = nullptr;
    ASSERT_EQ(aclrtMalloc(&b, kMiB, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
    blocks.push_back(b);
  }
  EXPECT_EQ(aclrtMalloc(&p, 1, ACL_MEM_MALLOC_HUGE_FIRST), ACL_ERROR_RT_MEMORY_ALLOCATION);
  ASSERT_EQ(aclrtFree(blocks.back()), ACL_SUCCESS);
  blocks.pop_back();
  ASSERT_EQ(aclrtMalloc(&p, kMiB, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  blocks.push_back(p);
  for (void* b : blocks) EXPECT_EQ(aclrtFree(b), ACL_SUCCESS);
  EXPECT_EQ(FreeDeviceBytes(), before);
}

TEST_F(FaultMemoryTest, ModelLoadsAreChargedToTheSameBudget) {
  void* in = nullptr;
  void* out = nullptr;
  ASSERT_EQ(aclrtMalloc(&in, kMiB, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  ASSERT_EQ(aclrtMalloc(&out, kMiB, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  void* filler = nullptr;
  ASSERT_EQ(aclrtMalloc(&filler, kMiB + kMiB / 2, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  size_t before = FreeDeviceBytes();  // 0.5 MiB: less than the model's 1 MiB of weights
  uint32_t id = 0;
  EXPECT_EQ(aclmdlLoadFromFile(path_.c_str(), &id), ACL_ERROR_RT_MEMORY_ALLOCATION);
  std::string msg = RecentError();
  EXPECT_NE(msg.find("device memory exhausted"), std::string::npos) << msg;
  EXPECT_NE(msg.find(path_), std::string::npos) << msg;
  EXPECT_EQ(FreeDeviceBytes(), before) << "a failed load must not keep any charge";
  std::string bytes = ReadFileBytes(path_);
  EXPECT_EQ(aclmdlLoadFromMem(bytes.data(), bytes.size(), &id), ACL_ERROR_RT_MEMORY_ALLOCATION);
  EXPECT_EQ(FreeDeviceBytes(), before);

  // Freed memory makes the load work; the model then holds its share of the budget.
  ASSERT_EQ(aclrtFree(filler), ACL_SUCCESS);
  size_t without_model = FreeDeviceBytes();
  ASSERT_EQ(aclmdlLoadFromFile(path_.c_str(), &id), ACL_SUCCESS) << RecentError();
  size_t with_model = FreeDeviceBytes();
  EXPECT_LE(with_model + kMiB, without_model);
  void* too_big = nullptr;
  EXPECT_EQ(aclrtMalloc(&too_big, without_model - kMiB / 2, ACL_MEM_MALLOC_HUGE_FIRST),
            ACL_ERROR_RT_MEMORY_ALLOCATION);

  // Execute needs no new device memory: it works even with the rest of the budget taken.
  void* rest = nullptr;
  if (with_model > 0) ASSERT_EQ(aclrtMalloc(&rest, with_model, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  std::vector<float> x(kRows * kCols, 1.0f), y(kRows * kCols, 0.0f);
  ASSERT_EQ(aclrtMemcpy(in, kMiB, x.data(), kMiB, ACL_MEMCPY_HOST_TO_DEVICE), ACL_SUCCESS);
  aclmdlDataset* ins = aclmdlCreateDataset();
  aclmdlDataset* outs = aclmdlCreateDataset();
  aclDataBuffer* in_buf = aclCreateDataBuffer(in, kMiB);
  aclDataBuffer* out_buf = aclCreateDataBuffer(out, kMiB);
  ASSERT_EQ(aclmdlAddDatasetBuffer(ins, in_buf), ACL_SUCCESS);
  ASSERT_EQ(aclmdlAddDatasetBuffer(outs, out_buf), ACL_SUCCESS);
  EXPECT_EQ(aclmdlExecute(id, ins, outs), ACL_SUCCESS) << RecentError();
  ASSERT_EQ(aclrtMemcpy(y.data(), kMiB, out, kMiB, ACL_MEMCPY_DEVICE_TO_HOST), ACL_SUCCESS);
  EXPECT_EQ(y[0], 3.0f);
  EXPECT_EQ(y.back(), 3.0f);

  // Unload gives the model's memory back.
  if (rest) ASSERT_EQ(aclrtFree(rest), ACL_SUCCESS);
  ASSERT_EQ(aclmdlUnload(id), ACL_SUCCESS);
  EXPECT_EQ(FreeDeviceBytes(), without_model);
  ASSERT_EQ(aclmdlLoadFromFile(path_.c_str(), &id), ACL_SUCCESS) << RecentError();
  ASSERT_EQ(aclmdlUnload(id), ACL_SUCCESS);
  EXPECT_EQ(FreeDeviceBytes(), without_model);

  aclDestroyDataBuffer(in_buf);
  aclDestroyDataBuffer(out_buf);
  aclmdlDestroyDataset(ins);
  aclmdlDestroyDataset(outs);
  EXPECT_EQ(aclrtFree(in), ACL_SUCCESS);
  EXPECT_EQ(aclrtFree(out), ACL_SUCCESS);
  EXPECT_EQ(FreeDeviceBytes(), 4 * kMiB);
}

TEST_F(FaultMemoryTest, LoadWithCallerMemoryIsNotChargedTwice) {
  size_t work = 0, weight = 0;
  ASSERT_EQ(aclmdlQuerySize(path_.c_str(), &work, &weight), ACL_SUCCESS);
  ASSERT_GE(weight, kMiB);
  void* weight_mem = nullptr;
  void* work_mem = nullptr;
  ASSERT_EQ(aclrtMalloc(&weight_mem, weight, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  if (work) ASSERT_EQ(aclrtMalloc(&work_mem, work, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  size_t before = FreeDeviceBytes();
  uint32_t id = 0;
  ASSERT_EQ(aclmdlLoadFromFileWithMem(path_.c_str(), &id, work_mem, work, weight_mem, weight),
            ACL_SUCCESS)
      << RecentError();
  EXPECT_GE(FreeDeviceBytes() + 64 * 1024, before);  // at most extra kernel scratch
  ASSERT_EQ(aclmdlUnload(id), ACL_SUCCESS);
  EXPECT_EQ(FreeDeviceBytes(), before);
  EXPECT_EQ(aclrtFree(weight_mem), ACL_SUCCESS);
  if (work_mem) EXPECT_EQ(aclrtFree(work_mem), ACL_SUCCESS);
}

TEST_F(FaultMemoryTest, FinalizeWithALoadedModelReleasesItsCharge) {
  uint32_t id = 0;
  ASSERT_EQ(aclmdlLoadFromFile(path_.c_str(), &id), ACL_SUCCESS) << RecentError();
  EXPECT_LT(FreeDeviceBytes(), 4 * kMiB);
  EXPECT_EQ(aclrtResetDevice(0), ACL_SUCCESS);
  ASSERT_EQ(aclFinalize(), ACL_SUCCESS);  // the model is unloaded by aclFinalize
  std::string cfg = ::testing::TempDir() + "openacl_fault_memory_acl.json";
  ASSERT_EQ(aclInit(cfg.c_str()), ACL_SUCCESS);
  ASSERT_EQ(aclrtSetDevice(0), ACL_SUCCESS);
  EXPECT_EQ(FreeDeviceBytes(), 4 * kMiB);
  EXPECT_EQ(aclmdlUnload(id), ACL_ERROR_INVALID_MODEL_ID);
}

}  // namespace
}  // namespace openacl_test
