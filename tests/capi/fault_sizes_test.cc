// Misuse probes of sizes, pitches, freed memory and configs (issue 12 §6): every one is a clear
// error code + message, never a wrapped size, a write outside a block, or a crash.
#include <sys/stat.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "capi_test_env.h"
#include "compiler/compiler.h"

namespace openacl_test {
namespace {

class FaultSizesTest : public AclDeviceTest {};

TEST_F(FaultSizesTest, TensorDescSizeOfHugeDimsIsAnErrorNotAWrappedSize) {
  const int64_t wraps[] = {int64_t{1} << 32, int64_t{1} << 32};  // 2^64 elements -> 0 if wrapped
  aclTensorDesc* d = aclCreateTensorDesc(ACL_FLOAT, 2, wraps, ACL_FORMAT_ND);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(aclGetTensorDescElementCount(d), 0u);
  EXPECT_NE(RecentError().find("element count overflows"), std::string::npos);
  EXPECT_EQ(aclGetTensorDescSize(d), 0u);
  EXPECT_NE(RecentError().find("[4294967296,4294967296]"), std::string::npos);
  aclDestroyTensorDesc(d);
  const int64_t bytes_wrap[] = {int64_t{1} << 62};  // fits size_t, * 4 bytes does not
  d = aclCreateTensorDesc(ACL_FLOAT, 1, bytes_wrap, ACL_FORMAT_ND);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(aclGetTensorDescElementCount(d), size_t{1} << 62);
  EXPECT_EQ(aclGetTensorDescSize(d), 0u);
  EXPECT_NE(RecentError().find("byte size overflows"), std::string::npos);
  aclDestroyTensorDesc(d);
  const int64_t fine[] = {2, 3};
  d = aclCreateTensorDesc(ACL_FLOAT16, 2, fine, ACL_FORMAT_ND);
  EXPECT_EQ(aclGetTensorDescSize(d), 12u);
  aclDestroyTensorDesc(d);
  // numDims past ACL_MAX_DIM_CNT is refused before reading the array.
  EXPECT_EQ(aclCreateTensorDesc(ACL_FLOAT, 1 << 30, fine, ACL_FORMAT_ND), nullptr);
  EXPECT_NE(RecentError().find("ACL_MAX_DIM_CNT"), std::string::npos);
}

TEST_F(FaultSizesTest, EnumParametersAreValidatedAsIntegers) {
  // Out-of-range values passed as prvalues, as a C caller passes an int: the library reads them
  // as integers (capi/enum_arg.h), so this is an error code even under UBSan's enum check.
  const int64_t dims[] = {2};
  EXPECT_EQ(aclCreateTensorDesc(static_cast<aclDataType>(1000), 1, dims, ACL_FORMAT_ND), nullptr);
  EXPECT_NE(RecentError().find("dataType 1000 is not an aclDataType"), std::string::npos);
  EXPECT_EQ(aclCreateTensorDesc(ACL_FLOAT, 1, dims, static_cast<aclFormat>(1000)), nullptr);
  EXPECT_NE(RecentError().find("format 1000 is not an aclFormat"), std::string::npos);
  aclTensorDesc* d = aclCreateTensorDesc(ACL_FLOAT, 1, dims, ACL_FORMAT_ND);
  EXPECT_EQ(aclSetTensorFormat(d, static_cast<aclFormat>(1000)), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclSetTensorStorageFormat(d, static_cast<aclFormat>(-7)), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclSetTensorOriginFormat(d, static_cast<aclFormat>(20)), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclGetTensorDescFormat(d), ACL_FORMAT_ND);
  aclDestroyTensorDesc(d);
  EXPECT_EQ(aclDataTypeSize(static_cast<aclDataType>(1000)), 0u);
  char a[8] = {}, b[8] = {};
  EXPECT_EQ(aclrtMemcpy(a, 8, b, 8, static_cast<aclrtMemcpyKind>(1000)), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentError().find("memcpy kind 1000"), std::string::npos);
  void* p = nullptr;
  EXPECT_EQ(aclrtMalloc(&p, 8, static_cast<aclrtMemMallocPolicy>(1000)), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtLaunchCallback([](void*) {}, nullptr, static_cast<aclrtCallbackBlockType>(1000),
                                nullptr),
            ACL_ERROR_INVALID_PARAM);
  aclopAttr* attr = aclopCreateAttr();
  EXPECT_EQ(aclopSetAttrDataType(attr, "dtype", static_cast<aclDataType>(1000)),
            ACL_ERROR_INVALID_PARAM);
  const int32_t raw[] = {ACL_FLOAT, 1000};
  EXPECT_EQ(aclopSetAttrListDataType(attr, "dtypes", 2, reinterpret_cast<const aclDataType*>(raw)),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentError().find("values[1] 1000"), std::string::npos);
  EXPECT_EQ(aclopSetAttrDataType(attr, "dtype", ACL_FLOAT16), ACL_SUCCESS);
  aclopDestroyAttr(attr);
}

TEST_F(FaultSizesTest, MallocHostOfSizeMaxFails) {
  void* p = reinterpret_cast<void*>(0x1);
  EXPECT_EQ(aclrtMallocHost(&p, SIZE_MAX), ACL_ERROR_BAD_ALLOC);
  EXPECT_NE(RecentError().find("overflows"), std::string::npos);
  EXPECT_EQ(aclrtMalloc(&p, SIZE_MAX, ACL_MEM_MALLOC_HUGE_FIRST), ACL_ERROR_RT_MEMORY_ALLOCATION);
  EXPECT_EQ(aclrtMallocHost(&p, SIZE_MAX - 63), ACL_ERROR_BAD_ALLOC);
  ASSERT_EQ(aclrtMallocHost(&p, 64), ACL_SUCCESS);  // and the API still works
  EXPECT_EQ(aclrtFreeHost(p), ACL_SUCCESS);
}

TEST_F(FaultSizesTest, Memcpy2dWithAPitchThatOverflowsIsRefused) {
  void* dev = nullptr;
  ASSERT_EQ(aclrtMalloc(&dev, 256, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  std::vector<char> host(256, 7);
  // dpitch * (height - 1) wraps to 0: the span would look like `width` bytes.
  size_t huge_pitch = (SIZE_MAX / 2) + 1;  // 2^63
  EXPECT_EQ(aclrtMemcpy2d(dev, huge_pitch, host.data(), 16, 16, 3, ACL_MEMCPY_HOST_TO_DEVICE),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentError().find("dpitch"), std::string::npos);
  EXPECT_EQ(aclrtMemcpy2d(host.data(), 16, dev, huge_pitch, 16, 3, ACL_MEMCPY_DEVICE_TO_HOST),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentError().find("spitch"), std::string::npos);
  EXPECT_EQ(aclrtMemcpy2dAsync(dev, huge_pitch, host.data(), 16, 16, 3,
                               ACL_MEMCPY_HOST_TO_DEVICE, nullptr),
            ACL_ERROR_INVALID_PARAM);
  // A pitch that does not overflow but runs past the block: the span check.
  EXPECT_EQ(aclrtMemcpy2d(dev, 200, host.data(), 16, 16, 3, ACL_MEMCPY_HOST_TO_DEVICE),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclrtMemcpy2d(dev, 64, host.data(), 16, 16, 3, ACL_MEMCPY_HOST_TO_DEVICE),
            ACL_SUCCESS);
  EXPECT_EQ(aclrtFree(dev), ACL_SUCCESS);
}

TEST_F(FaultSizesTest, EveryMemoryOperationRefusesAFreedDeviceBlock) {
  for (size_t size : {size_t{256}, size_t{1} << 20}) {  // a small block and a page-released one
    void* dev = nullptr;
    ASSERT_EQ(aclrtMalloc(&dev, size, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
    ASSERT_EQ(aclrtFree(dev), ACL_SUCCESS);
    std::vector<char> host(size);
    EXPECT_EQ(aclrtMemset(dev, size, 0, size), ACL_ERROR_INVALID_PARAM);
    EXPECT_NE(RecentError().find("freed device block"), std::string::npos);
    EXPECT_EQ(aclrtMemsetAsync(dev, size, 0, size, nullptr), ACL_ERROR_INVALID_PARAM);
    EXPECT_EQ(aclrtMemcpy(dev, size, host.data(), size, ACL_MEMCPY_HOST_TO_DEVICE),
              ACL_ERROR_INVALID_PARAM);
    EXPECT_EQ(aclrtMemcpy(dev, size, host.data(), size, ACL_MEMCPY_DEFAULT),
              ACL_ERROR_INVALID_PARAM);
    EXPECT_EQ(aclrtMemcpy(host.data(), size, dev, size, ACL_MEMCPY_DEFAULT),
              ACL_ERROR_INVALID_PARAM);
    EXPECT_EQ(aclrtMemcpy(host.data(), size, dev, size, ACL_MEMCPY_HOST_TO_HOST),
              ACL_ERROR_INVALID_PARAM);
    EXPECT_EQ(aclrtMemcpyAsync(dev, size, host.data(), size, ACL_MEMCPY_DEFAULT, nullptr),
              ACL_ERROR_INVALID_PARAM);
    EXPECT_EQ(aclrtMemcpy2d(dev, 16, host.data(), 16, 16, 2, ACL_MEMCPY_DEFAULT),
              ACL_ERROR_INVALID_PARAM);
    EXPECT_EQ(aclrtMemFlush(static_cast<char*>(dev) + 8, 8), ACL_ERROR_INVALID_PARAM);
    EXPECT_EQ(aclrtMemInvalidate(dev, 8), ACL_ERROR_INVALID_PARAM);
    EXPECT_EQ(aclrtFree(dev), ACL_ERROR_INVALID_PARAM);
    EXPECT_NE(RecentError().find("double free"), std::string::npos);
  }
  EXPECT_EQ(aclrtSynchronizeStream(nullptr), ACL_SUCCESS);
}

TEST_F(FaultSizesTest, ManyFreesDoNotKeepMemoryResident) {
  // The quarantine of freed blocks is bounded: 2000 frees of 64 KiB blocks work and the heap
  // accounting returns to where it was.
  size_t free0 = 0, total = 0;
  ASSERT_EQ(aclrtGetMemInfo(ACL_HBM_MEM, &free0, &total), ACL_SUCCESS);
  for (int i = 0; i < 2000; ++i) {
    void* dev = nullptr;
    ASSERT_EQ(aclrtMalloc(&dev, 64 << 10, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
    ASSERT_EQ(aclrtMemset(dev, 64 << 10, 1, 64 << 10), ACL_SUCCESS);
    ASSERT_EQ(aclrtFree(dev), ACL_SUCCESS);
  }
  size_t free1 = 0;
  ASSERT_EQ(aclrtGetMemInfo(ACL_HBM_MEM, &free1, &total), ACL_SUCCESS);
  EXPECT_EQ(free1, free0);
}

TEST(FaultConfigTest, ADirectoryAsTheConfigFileIsAnErrorNamingIt) {
  ASSERT_EQ(aclFinalize(), ACL_SUCCESS);
  std::string dir = ::testing::TempDir() + "openacl_config_dir";
  ::mkdir(dir.c_str(), 0700);
  EXPECT_EQ(aclInit(dir.c_str()), ACL_ERROR_INVALID_FILE);
  std::string msg = RecentError();
  EXPECT_NE(msg.find(dir), std::string::npos) << msg;
  EXPECT_NE(msg.find("is a directory"), std::string::npos) << msg;
  // A bad openacl.max_tensor_mb is a parse error; a good one works.
  std::string bad = ::testing::TempDir() + "openacl_bad_tensor_acl.json";
  FILE* f = std::fopen(bad.c_str(), "w");
  std::fputs(R"({"openacl": {"max_tensor_mb": -5}})", f);
  std::fclose(f);
  EXPECT_EQ(aclInit(bad.c_str()), ACL_ERROR_PARSE_FILE);
  EXPECT_NE(RecentError().find("max_tensor_mb"), std::string::npos);
  ASSERT_EQ(aclInit(nullptr), ACL_SUCCESS);
}

TEST(FaultModelTest, HostileShapesFailFastAtCompileAndNameTheNode) {
  using namespace openacl;
  struct Case {
    const char* op;
    std::vector<int64_t> values;
  };
  for (const Case& c : {Case{"Pad", {int64_t{1} << 40, int64_t{1} << 40}},
                        Case{"Tile", {(int64_t{1} << 62) + 1}}}) {
    auto g = std::make_unique<Graph>();
    g->opset = 17;
    Value* x = g->AddValue("x");
    x->dtype = DType::kFloat32;
    x->shape = {4};
    x->has_shape = true;
    g->inputs.push_back(x);
    Value* k = g->AddConstant("k", Tensor::FromInt64(c.values, {static_cast<int64_t>(c.values.size())}));
    Value* y = g->AddValue("y");
    g->AddNode(c.op, {x, k}, {y}, "hostile");
    g->outputs.push_back(y);
    auto t0 = std::chrono::steady_clock::now();
    auto model = CompileGraph(std::move(g), CompileOptions());
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    ASSERT_FALSE(model.ok()) << c.op;
    EXPECT_EQ(model.status().code(), StatusCode::kShapeInvalid) << model.status().message();
    EXPECT_NE(model.status().message().find("output 'y' of node 'hostile'"), std::string::npos)
        << model.status().message();
    EXPECT_LT(secs, 2.0) << c.op;
  }
}

}  // namespace
}  // namespace openacl_test
