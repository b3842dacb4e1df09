// aclopSetModelDir / aclopLoad / aclopExecuteV2 / aclopExecute / aclopCast and their misuse.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "acl/acl_op_compiler.h"
#include "capi_test_env.h"
#include "model_test_util.h"
#include "op_test_util.h"

// aclopExecute is deprecated in the headers; it is still part of the API under test.
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

namespace openacl_test {
namespace {

class OpExecuteTest : public AclDeviceTest {
 protected:
  void SetUp() override {
    AclDeviceTest::SetUp();
    ASSERT_EQ(aclrtCreateStream(&stream_), ACL_SUCCESS);
  }
  void TearDown() override {
    EXPECT_EQ(aclrtDestroyStream(stream_), ACL_SUCCESS);
    AclDeviceTest::TearDown();
  }
  aclError Sync() { return aclrtSynchronizeStream(stream_); }
  aclrtStream stream_ = nullptr;
};

std::string AddJson(const char* type, int rows, int cols) {
  std::string t = std::string(R"({"format":"ND","shape":[)") + std::to_string(rows) + "," +
                  std::to_string(cols) + R"(],"type":")" + type + "\"}";
  return R"({"op":"Add","input_desc":[)" + t + "," + t + R"(],"output_desc":[)" + t + "]}";
}

// aclopSetModelDir may succeed once per process: this is the one test that calls it.
TEST_F(OpExecuteTest, SetModelDirLoadsFolderOnceAndAddRuns) {
  std::string error;
  std::string dir = CompileOpsJson("[" + AddJson("int32", 8, 16) + "]", "dir_ops", &error);
  ASSERT_FALSE(dir.empty()) << error;
  EXPECT_EQ(aclopSetModelDir(nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(aclopSetModelDir((TempDir() + "/no_such_dir").c_str()), ACL_SUCCESS);
  ASSERT_EQ(aclopSetModelDir(dir.c_str()), ACL_SUCCESS) << RecentError();
  EXPECT_EQ(aclopSetModelDir(dir.c_str()), ACL_ERROR_REPEAT_INITIALIZE);
  EXPECT_NE(RecentError().find("aclopLoad"), std::string::npos) << RecentError();

  std::vector<int32_t> a(128), b(128);
  std::iota(a.begin(), a.end(), 0);
  std::iota(b.begin(), b.end(), 1000);
  DeviceBuffer da(a), db(b), dy(128 * sizeof(int32_t));
  Descs d;
  aclTensorDesc* in_desc[] = {d.Add(ACL_INT32, {8, 16}), d.Add(ACL_INT32, {8, 16})};
  aclTensorDesc* out_desc[] = {d.Add(ACL_INT32, {8, 16})};
  aclDataBuffer* in[] = {da.buffer(), db.buffer()};
  aclDataBuffer* out[] = {dy.buffer()};
  aclopAttr* attr = aclopCreateAttr();
  ASSERT_EQ(aclopExecuteV2("Add", 2, in_desc, in, 1, out_desc, out, attr, stream_), ACL_SUCCESS)
      << RecentError();
  ASSERT_EQ(Sync(), ACL_SUCCESS);
  auto y = dy.Read<int32_t>(128);
  for (int i = 0; i < 128; ++i) ASSERT_EQ(y[i], a[i] + b[i]) << i;
  // The deprecated form and a null attr (no attributes) work too.
  ASSERT_EQ(aclopExecute("Add", 2, in_desc, in, 1, out_desc, out, nullptr, stream_), ACL_SUCCESS)
      << RecentError();
  ASSERT_EQ(Sync(), ACL_SUCCESS);
  aclopDestroyAttr(attr);
}

TEST_F(OpExecuteTest, MismatchesAreOpNotFoundWithCandidates) {
  ASSERT_EQ(LoadOp(AddJson("float", 2, 3)), ACL_SUCCESS) << RecentError();
  DeviceBuffer x(64), y(64);
  Descs d;
  auto run = [&](aclTensorDesc* a, aclTensorDesc* b, aclTensorDesc* o, const char* type = "Add",
                 aclopAttr* attr = nullptr) {
    aclTensorDesc* in_desc[] = {a, b};
    aclTensorDesc* out_desc[] = {o};
    aclDataBuffer* in[] = {x.buffer(), x.buffer()};
    aclDataBuffer* out[] = {y.buffer()};
    return aclopExecuteV2(type, 2, in_desc, in, 1, out_desc, out, attr, stream_);
  };
  auto f23 = [&] { return d.Add(ACL_FLOAT, {2, 3}); };
  EXPECT_EQ(run(f23(), f23(), f23()), ACL_SUCCESS) << RecentError();
  EXPECT_EQ(Sync(), ACL_SUCCESS);
  // dtype
  EXPECT_EQ(run(d.Add(ACL_FLOAT16, {2, 3}), f23(), f23()), ACL_ERROR_OP_NOT_FOUND);
  EXPECT_NE(RecentError().find("input 0 data type: float loaded, float16 asked"), std::string::npos)
      << RecentError();
  // format
  EXPECT_EQ(run(d.Add(ACL_FLOAT, {2, 3}, ACL_FORMAT_NCHW), f23(), f23()), ACL_ERROR_OP_NOT_FOUND);
  EXPECT_NE(RecentError().find("format"), std::string::npos) << RecentError();
  // shape
  EXPECT_EQ(run(d.Add(ACL_FLOAT, {3, 2}), d.Add(ACL_FLOAT, {3, 2}), d.Add(ACL_FLOAT, {3, 2})),
            ACL_ERROR_OP_NOT_FOUND);
  EXPECT_NE(RecentError().find("shape"), std::string::npos) << RecentError();
  // op type never loaded
  EXPECT_EQ(run(f23(), f23(), f23(), "Mul"), ACL_ERROR_OP_NOT_FOUND);
  EXPECT_NE(RecentError().find("No Mul model is loaded"), std::string::npos) << RecentError();
  // attr the op does not have
  aclopAttr* attr = aclopCreateAttr();
  ASSERT_EQ(aclopSetAttrInt(attr, "axis", 1), ACL_SUCCESS);
  EXPECT_EQ(run(f23(), f23(), f23(), "Add", attr), ACL_ERROR_OP_NOT_FOUND);
  EXPECT_NE(RecentError().find("unknown attr 'axis'"), std::string::npos) << RecentError();
  aclopDestroyAttr(attr);
}

TEST_F(OpExecuteTest, AttrValueSelectsTheModel) {
  // Square input: both dimensions give a [4] output, so only the attr value tells them apart.
  const char* tmpl = R"({"op":"ArgMaxD","input_desc":[{"format":"ND","shape":[4,4],"type":"float"}],
      "output_desc":[{"format":"ND","shape":[4],"type":"int32"}],
      "attr":[{"name":"dimension","type":"int","value":%d}]})";
  char buf[512];
  std::snprintf(buf, sizeof(buf), tmpl, 1);
  ASSERT_EQ(LoadOp(buf), ACL_SUCCESS) << RecentError();
  std::vector<float> x = {0, 5, 1, 2, /**/ 9, 1, 1, 1, /**/ 0, 0, 0, 7, /**/ 1, 6, 2, 0};
  DeviceBuffer dx(x), dy(16);
  Descs d;
  aclTensorDesc* in_desc[] = {d.Add(ACL_FLOAT, {4, 4})};
  aclTensorDesc* out_desc[] = {d.Add(ACL_INT32, {4})};
  aclDataBuffer* in[] = {dx.buffer()};
  aclDataBuffer* out[] = {dy.buffer()};
  aclopAttr* attr = aclopCreateAttr();
  ASSERT_EQ(aclopSetAttrInt(attr, "dimension", 1), ACL_SUCCESS);
  ASSERT_EQ(aclopExecuteV2("ArgMaxD", 1, in_desc, in, 1, out_desc, out, attr, stream_), ACL_SUCCESS)
      << RecentError();
  ASSERT_EQ(Sync(), ACL_SUCCESS);
  EXPECT_EQ(dy.Read<int32_t>(4), (std::vector<int32_t>{1, 0, 3, 1}));
  // dimension 0 is not loaded: attr value mismatch.
  ASSERT_EQ(aclopSetAttrInt(attr, "dimension", 0), ACL_SUCCESS);
  EXPECT_EQ(aclopExecuteV2("ArgMaxD", 1, in_desc, in, 1, out_desc, out, attr, stream_),
            ACL_ERROR_OP_NOT_FOUND);
  EXPECT_NE(RecentError().find("attr dimension: 1 loaded, 0 asked"), std::string::npos)
      << RecentError();
  std::snprintf(buf, sizeof(buf), tmpl, 0);
  ASSERT_EQ(LoadOp(buf), ACL_SUCCESS) << RecentError();
  ASSERT_EQ(aclopExecuteV2("ArgMaxD", 1, in_desc, in, 1, out_desc, out, attr, stream_), ACL_SUCCESS)
      << RecentError();
  ASSERT_EQ(Sync(), ACL_SUCCESS);
  EXPECT_EQ(dy.Read<int32_t>(4), (std::vector<int32_t>{1, 3, 3, 2}));
  aclopDestroyAttr(attr);
}

TEST_F(OpExecuteTest, ConstInputAndOmittedOptionalInput) {
  ASSERT_EQ(LoadOp(R"({"op":"ArgMaxV2","input_desc":[{"format":"ND","shape":[2,5],"type":"float16"},
      {"format":"ND","shape":[1],"type":"int32","is_const":true,"const_value":[1]}],
      "output_desc":[{"format":"ND","shape":[2],"type":"int32"}]})"),
            ACL_SUCCESS)
      << RecentError();
  std::vector<uint16_t> x(10);
  for (int i = 0; i < 10; ++i) x[i] = aclFloatToFloat16(static_cast<float>((i * 7) % 10));
  DeviceBuffer dx(x), dy(8);
  Descs d;
  int32_t axis = 1;
  aclTensorDesc* axis_desc = d.Add(ACL_INT32, {1});
  ASSERT_EQ(aclSetTensorConst(axis_desc, &axis, sizeof(axis)), ACL_SUCCESS);
  aclDataBuffer* none = aclCreateDataBuffer(nullptr, 0);
  aclTensorDesc* in_desc[] = {d.Add(ACL_FLOAT16, {2, 5}), axis_desc};
  aclTensorDesc* out_desc[] = {d.Add(ACL_INT32, {2})};
  aclDataBuffer* in[] = {dx.buffer(), none};
  aclDataBuffer* out[] = {dy.buffer()};
  ASSERT_EQ(aclopExecuteV2("ArgMaxV2", 2, in_desc, in, 1, out_desc, out, nullptr, stream_),
            ACL_SUCCESS)
      << RecentError();
  ASSERT_EQ(Sync(), ACL_SUCCESS);
  // rows: 0 7 4 1 8 | 5 2 9 6 3
  EXPECT_EQ(dy.Read<int32_t>(2), (std::vector<int32_t>{4, 2}));
  // Another constant value does not match.
  axis = 0;
  ASSERT_EQ(aclSetTensorConst(axis_desc, &axis, sizeof(axis)), ACL_SUCCESS);
  EXPECT_EQ(aclopExecuteV2("ArgMaxV2", 2, in_desc, in, 1, out_desc, out, nullptr, stream_),
            ACL_ERROR_OP_NOT_FOUND);

  // MatMul with its optional bias omitted (desc ACL_DT_UNDEFINED, buffer (nullptr, 0)).
  ASSERT_EQ(LoadOp(R"({"op":"MatMul","input_desc":[{"format":"ND","shape":[2,3],"type":"float"},
      {"format":"ND","shape":[3,2],"type":"float"}],
      "output_desc":[{"format":"ND","shape":[2,2],"type":"float"}],
      "attr":[{"name":"transpose_x1","type":"bool","value":false}]})"),
            ACL_SUCCESS)
      << RecentError();
  DeviceBuffer a(std::vector<float>{1, 2, 3, 4, 5, 6}), b(std::vector<float>{1, 0, 0, 1, 1, 1});
  DeviceBuffer c(16);
  aclTensorDesc* mm_in[] = {d.Add(ACL_FLOAT, {2, 3}), d.Add(ACL_FLOAT, {3, 2}), d.Omitted()};
  aclTensorDesc* mm_out[] = {d.Add(ACL_FLOAT, {2, 2})};
  aclDataBuffer* mm_bufs[] = {a.buffer(), b.buffer(), none};
  aclDataBuffer* mm_obufs[] = {c.buffer()};
  ASSERT_EQ(aclopExecuteV2("MatMul", 3, mm_in, mm_bufs, 1, mm_out, mm_obufs, nullptr, stream_),
            ACL_SUCCESS)
      << RecentError();
  ASSERT_EQ(Sync(), ACL_SUCCESS);
  EXPECT_EQ(c.Read<float>(4), (std::vector<float>{4, 5, 10, 11}));
  aclDestroyDataBuffer(none);
}

TEST_F(OpExecuteTest, BuffersMustBeDeviceMemoryOfEnoughSize) {
  ASSERT_EQ(LoadOp(AddJson("float", 1, 4)), ACL_SUCCESS) << RecentError();
  Descs d;
  aclTensorDesc* in_desc[] = {d.Add(ACL_FLOAT, {1, 4}), d.Add(ACL_FLOAT, {1, 4})};
  aclTensorDesc* out_desc[] = {d.Add(ACL_FLOAT, {1, 4})};
  float host[4] = {1, 2, 3, 4};
  aclDataBuffer* host_buf = aclCreateDataBuffer(host, sizeof(host));
  DeviceBuffer dev(16), small(8);
  aclDataBuffer* in[] = {host_buf, dev.buffer()};
  aclDataBuffer* out[] = {dev.buffer()};
  EXPECT_EQ(aclopExecuteV2("Add", 2, in_desc, in, 1, out_desc, out, nullptr, stream_),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentError().find("not device memory"), std::string::npos) << RecentError();
  aclDataBuffer* in2[] = {dev.buffer(), dev.buffer()};
  aclDataBuffer* out2[] = {small.buffer()};
  EXPECT_EQ(aclopExecuteV2("Add", 2, in_desc, in2, 1, out_desc, out2, nullptr, stream_),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentError().find("8 bytes"), std::string::npos) << RecentError();
  EXPECT_EQ(aclopExecuteV2("Add", 2, in_desc, nullptr, 1, out_desc, out2, nullptr, stream_),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclopExecuteV2(nullptr, 2, in_desc, in2, 1, out_desc, out2, nullptr, stream_),
            ACL_ERROR_INVALID_PARAM);
  aclTensorDesc* dead = aclCreateTensorDesc(ACL_FLOAT, 0, nullptr, ACL_FORMAT_ND);
  aclDestroyTensorDesc(dead);
  aclTensorDesc* bad_desc[] = {dead, dead};
  EXPECT_EQ(aclopExecuteV2("Add", 2, bad_desc, in2, 1, out_desc, out2, nullptr, stream_),
            ACL_ERROR_INVALID_PARAM);
  aclDestroyDataBuffer(host_buf);
}

TEST_F(OpExecuteTest, CastNeedsALoadedCastModelUnlessJit) {
  std::vector<float> x = {1.5f, -2.25f, 3.0f, 65504.0f};
  DeviceBuffer dx(x), dy(8);
  Descs d;
  aclTensorDesc* src = d.Add(ACL_FLOAT, {1, 4});
  aclTensorDesc* dst = d.Add(ACL_FLOAT16, {1, 4});
  EXPECT_EQ(aclopCast(src, dx.buffer(), dst, dy.buffer(), 0, stream_), ACL_ERROR_OP_NOT_FOUND);
  ASSERT_EQ(LoadOp(R"({"op":"Cast","input_desc":[{"format":"ND","shape":[1,4],"type":"float"}],
      "output_desc":[{"format":"ND","shape":[1,4],"type":"float16"}],
      "attr":[{"name":"truncate","type":"bool","value":false}]})"),
            ACL_SUCCESS)
      << RecentError();
  ASSERT_EQ(aclopCast(src, dx.buffer(), dst, dy.buffer(), 0, stream_), ACL_SUCCESS)
      << RecentError();
  ASSERT_EQ(Sync(), ACL_SUCCESS);
  auto h = dy.Read<uint16_t>(4);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(aclFloat16ToFloat(h[i]), x[i]);
  // truncate=1 is another attribute value: not loaded.
  EXPECT_EQ(aclopCast(src, dx.buffer(), dst, dy.buffer(), 1, stream_), ACL_ERROR_OP_NOT_FOUND);
  // Handle for cast.
  aclopHandle* handle = nullptr;
  ASSERT_EQ(aclopCreateHandleForCast(src, dst, 0, &handle), ACL_SUCCESS) << RecentError();
  const aclDataBuffer* in[] = {dx.buffer()};
  aclDataBuffer* out[] = {dy.buffer()};
  ASSERT_EQ(aclopExecWithHandle(handle, 1, in, 1, out, stream_), ACL_SUCCESS) << RecentError();
  ASSERT_EQ(Sync(), ACL_SUCCESS);
  aclopDestroyHandle(handle);
  // JIT: compiles the missing cast on the fly.
  aclTensorDesc* dst32 = d.Add(ACL_INT32, {1, 4});
  DeviceBuffer di(16);
  EXPECT_EQ(aclopCast(src, dx.buffer(), dst32, di.buffer(), 0, stream_), ACL_ERROR_OP_NOT_FOUND);
  ASSERT_EQ(aclSetCompileopt(ACL_OP_JIT_COMPILE, "enable"), ACL_SUCCESS);
  EXPECT_EQ(aclopCast(src, dx.buffer(), dst32, di.buffer(), 0, stream_), ACL_SUCCESS)
      << RecentError();
  ASSERT_EQ(aclSetCompileopt(ACL_OP_JIT_COMPILE, "disable"), ACL_SUCCESS);
  ASSERT_EQ(Sync(), ACL_SUCCESS);
  EXPECT_EQ(di.Read<int32_t>(4), (std::vector<int32_t>{1, -2, 3, 65504}));
  EXPECT_EQ(aclSetCompileopt(ACL_OP_JIT_COMPILE, "maybe"), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclSetCompileopt(ACL_PRECISION_MODE, nullptr), ACL_ERROR_INVALID_PARAM);
}

TEST_F(OpExecuteTest, HandlesResolveOnceAndCheckTheirArguments) {
  ASSERT_EQ(LoadOp(R"({"op":"Relu","input_desc":[{"format":"ND","shape":[4],"type":"float"}],
      "output_desc":[{"format":"ND","shape":[4],"type":"float"}]})"),
            ACL_SUCCESS);
  Descs d;
  const aclTensorDesc* in_desc[] = {d.Add(ACL_FLOAT, {4})};
  const aclTensorDesc* out_desc[] = {d.Add(ACL_FLOAT, {4})};
  aclopHandle* h = nullptr;
  EXPECT_EQ(aclopCreateHandle("Relu", 1, in_desc, 1, out_desc, nullptr, nullptr),
            ACL_ERROR_INVALID_PARAM);
  const aclTensorDesc* wrong[] = {d.Add(ACL_FLOAT, {5})};
  EXPECT_EQ(aclopCreateHandle("Relu", 1, wrong, 1, out_desc, nullptr, &h), ACL_ERROR_OP_NOT_FOUND);
  const aclTensorDesc* dyn[] = {d.Add(ACL_FLOAT, {-1})};
  EXPECT_EQ(aclopCreateHandle("Relu", 1, dyn, 1, out_desc, nullptr, &h), ACL_ERROR_INVALID_PARAM);
  ASSERT_EQ(aclopCreateHandle("Relu", 1, in_desc, 1, out_desc, nullptr, &h), ACL_SUCCESS)
      << RecentError();
  DeviceBuffer x(std::vector<float>{-1, 2, -3, 4}), y(16);
  const aclDataBuffer* in[] = {x.buffer()};
  aclDataBuffer* out[] = {y.buffer()};
  EXPECT_EQ(aclopExecWithHandle(h, 1, in, 2, out, stream_), ACL_ERROR_INVALID_PARAM);
  ASSERT_EQ(aclopExecWithHandle(h, 1, in, 1, out, stream_), ACL_SUCCESS) << RecentError();
  ASSERT_EQ(Sync(), ACL_SUCCESS);
  EXPECT_EQ(y.Read<float>(4), (std::vector<float>{0, 2, 0, 4}));
  aclopDestroyHandle(h);
  EXPECT_EQ(aclopExecWithHandle(h, 1, in, 1, out, stream_), ACL_ERROR_INVALID_PARAM);
  aclopDestroyHandle(nullptr);  // no-op
}

TEST_F(OpExecuteTest, DynamicShapeCompilesPerShapeAndUpdatesOutputDesc) {
  ASSERT_EQ(LoadOp(R"({"op":"ReduceSumD","input_desc":[{"format":"ND","shape":[-1,3],
      "shape_range":[[1,16],[3,3]],"type":"float"}],
      "output_desc":[{"format":"ND","shape":[-1],"type":"float"}],
      "attr":[{"name":"axes","type":"list_int","value":[1]}]})"),
            ACL_SUCCESS)
      << RecentError();
  for (int64_t rows : {2, 5, 2}) {
    std::vector<float> x(rows * 3);
    std::iota(x.begin(), x.end(), 1.0f);
    DeviceBuffer dx(x), dy(rows * 4);
    Descs d;
    aclTensorDesc* in_desc[] = {d.Add(ACL_FLOAT, {rows, 3})};
    aclTensorDesc* out_desc[] = {d.Add(ACL_FLOAT, {-1})};
    aclDataBuffer* in[] = {dx.buffer()};
    aclDataBuffer* out[] = {dy.buffer()};
    aclopAttr* attr = aclopCreateAttr();
    int64_t axes[] = {1};
    ASSERT_EQ(aclopSetAttrListInt(attr, "axes", 1, axes), ACL_SUCCESS);
    ASSERT_EQ(aclopExecuteV2("ReduceSumD", 1, in_desc, in, 1, out_desc, out, attr, stream_),
              ACL_SUCCESS)
        << RecentError();
    ASSERT_EQ(Sync(), ACL_SUCCESS);
    int64_t dim = 0;
    ASSERT_EQ(aclGetTensorDescDimV2(out_desc[0], 0, &dim), ACL_SUCCESS);
    EXPECT_EQ(dim, rows);
    auto y = dy.Read<float>(rows);
    for (int64_t r = 0; r < rows; ++r) EXPECT_EQ(y[r], 3 * (3 * r + 1) + 3) << r;
    aclopDestroyAttr(attr);
  }
  // Outside the shape range.
  Descs d;
  aclTensorDesc* in_desc[] = {d.Add(ACL_FLOAT, {17, 3})};
  aclTensorDesc* out_desc[] = {d.Add(ACL_FLOAT, {-1})};
  DeviceBuffer dx(17 * 12), dy(17 * 4);
  aclDataBuffer* in[] = {dx.buffer()};
  aclDataBuffer* out[] = {dy.buffer()};
  aclopAttr* attr = aclopCreateAttr();
  int64_t axes[] = {1};
  ASSERT_EQ(aclopSetAttrListInt(attr, "axes", 1, axes), ACL_SUCCESS);
  EXPECT_EQ(aclopExecuteV2("ReduceSumD", 1, in_desc, in, 1, out_desc, out, attr, stream_),
            ACL_ERROR_OP_NOT_FOUND);
  aclopDestroyAttr(attr);
}

TEST_F(OpExecuteTest, CompileAndExecuteOnline) {
  Descs d;
  const aclTensorDesc* in_desc[] = {d.Add(ACL_FLOAT, {2, 2}), d.Add(ACL_FLOAT, {2, 2})};
  const aclTensorDesc* out_desc[] = {d.Add(ACL_FLOAT, {2, 2})};
  EXPECT_EQ(aclopCompile("Pow", 2, in_desc, 1, out_desc, nullptr, ACL_ENGINE_SYS,
                         ACL_COMPILE_UNREGISTERED, "/tmp/x"),
            ACL_ERROR_FEATURE_UNSUPPORTED);
  EXPECT_NE(aclopCompile("NoSuchOp", 2, in_desc, 1, out_desc, nullptr, ACL_ENGINE_SYS,
                         ACL_COMPILE_SYS, nullptr),
            ACL_SUCCESS);
  ASSERT_EQ(aclopCompile("Pow", 2, in_desc, 1, out_desc, nullptr, ACL_ENGINE_SYS, ACL_COMPILE_SYS,
                         nullptr),
            ACL_SUCCESS)
      << RecentError();
  DeviceBuffer a(std::vector<float>{1, 2, 3, 4}), b(std::vector<float>{2, 2, 2, 0.5f}), y(16);
  const aclDataBuffer* in[] = {a.buffer(), b.buffer()};
  aclDataBuffer* out[] = {y.buffer()};
  // Compiled, so aclopExecute finds it now.
  ASSERT_EQ(aclopExecute("Pow", 2, in_desc, in, 1, out_desc, out, nullptr, stream_), ACL_SUCCESS)
      << RecentError();
  ASSERT_EQ(Sync(), ACL_SUCCESS);
  EXPECT_EQ(y.Read<float>(4), (std::vector<float>{1, 4, 9, 2}));
  aclopAttr* attr = aclopCreateAttr();
  ASSERT_EQ(aclopSetAttrBool(attr, "transpose_x2", 1), ACL_SUCCESS);
  const aclTensorDesc* mm_out[] = {d.Add(ACL_FLOAT, {2, 2})};
  ASSERT_EQ(aclopCompileAndExecute("MatMul", 2, in_desc, in, 1, mm_out, out, attr, ACL_ENGINE_SYS,
                                   ACL_COMPILE_SYS, nullptr, stream_),
            ACL_SUCCESS)
      << RecentError();
  ASSERT_EQ(Sync(), ACL_SUCCESS);
  // [1 2;3 4] @ [2 2;2 0.5]^T
  EXPECT_EQ(y.Read<float>(4), (std::vector<float>{6, 3, 14, 8}));
  aclTensorDesc* v2_in[] = {d.Add(ACL_FLOAT, {2, 2})};
  aclTensorDesc* v2_out[] = {d.Add(ACL_FLOAT, {2, 2})};
  aclDataBuffer* v2_bufs[] = {a.buffer()};
  aclDataBuffer* v2_obufs[] = {y.buffer()};
  ASSERT_EQ(aclopCompileAndExecuteV2("Exp", 1, v2_in, v2_bufs, 1, v2_out, v2_obufs, nullptr,
                                     ACL_ENGINE_SYS, ACL_COMPILE_SYS, nullptr, stream_),
            ACL_SUCCESS)
      << RecentError();
  ASSERT_EQ(Sync(), ACL_SUCCESS);
  EXPECT_NEAR(y.Read<float>(4)[3], std::exp(4.0f), 1e-3);
  EXPECT_EQ(aclopSetCompileFlag(ACL_OP_COMPILE_FUZZ), ACL_SUCCESS);
  EXPECT_EQ(aclopSetCompileFlag(static_cast<aclOpCompileFlag>(7)), ACL_ERROR_INVALID_PARAM);
  aclopDestroyAttr(attr);
}

// Ops and model executions on one stream run in submission order.
TEST_F(OpExecuteTest, OrderedWithModelExecutionOnTheSameStream) {
  std::string om = WriteReluAddOm();  // y = relu(x) + [1,2,3,4], x: float[2,4]
  ASSERT_FALSE(om.empty());
  uint32_t model_id = 0;
  ASSERT_EQ(aclmdlLoadFromFile(om.c_str(), &model_id), ACL_SUCCESS) << RecentError();
  ASSERT_EQ(LoadOp(R"({"op":"Mul","input_desc":[{"format":"ND","shape":[2,4],"type":"float"},
      {"format":"ND","shape":[2,4],"type":"float"}],
      "output_desc":[{"format":"ND","shape":[2,4],"type":"float"}]})"),
            ACL_SUCCESS);
  DeviceBuffer x(std::vector<float>{-1, 1, -2, 2, 3, -3, 4, -4}), y(32), z(32);
  aclmdlDataset* in = aclmdlCreateDataset();
  aclmdlDataset* out = aclmdlCreateDataset();
  aclDataBuffer* xb = aclCreateDataBuffer(x.ptr(), 32);
  aclDataBuffer* yb = aclCreateDataBuffer(y.ptr(), 32);
  ASSERT_EQ(aclmdlAddDatasetBuffer(in, xb), ACL_SUCCESS);
  ASSERT_EQ(aclmdlAddDatasetBuffer(out, yb), ACL_SUCCESS);
  Descs d;
  aclTensorDesc* in_desc[] = {d.Add(ACL_FLOAT, {2, 4}), d.Add(ACL_FLOAT, {2, 4})};
  aclTensorDesc* out_desc[] = {d.Add(ACL_FLOAT, {2, 4})};
  aclDataBuffer* op_in[] = {y.buffer(), y.buffer()};
  aclDataBuffer* op_out[] = {z.buffer()};
  for (int round = 0; round < 3; ++round) {
    ASSERT_EQ(aclmdlExecuteAsync(model_id, in, out, stream_), ACL_SUCCESS) << RecentError();
    ASSERT_EQ(aclopExecuteV2("Mul", 2, in_desc, op_in, 1, out_desc, op_out, nullptr, stream_),
              ACL_SUCCESS)
        << RecentError();
    ASSERT_EQ(Sync(), ACL_SUCCESS);
    std::vector<float> want = {1, 9, 9, 36, 16, 4, 49, 16};  // (relu(x)+b)^2
    EXPECT_EQ(z.Read<float>(8), want);
    std::vector<float> zero(8, 0.0f);
    y.CopyIn(zero.data(), 32);
    z.CopyIn(zero.data(), 32);
  }
  aclDestroyDataBuffer(xb);
  aclDestroyDataBuffer(yb);
  aclmdlDestroyDataset(in);
  aclmdlDestroyDataset(out);
  EXPECT_EQ(aclmdlUnload(model_id), ACL_SUCCESS);
}

TEST_F(OpExecuteTest, LoadRejectsJunkAndFullModels) {
  EXPECT_EQ(aclopLoad(nullptr, 10), ACL_ERROR_INVALID_PARAM);
  std::string junk = "this is not an om file at all";
  EXPECT_EQ(aclopLoad(junk.data(), 0), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclopLoad(junk.data(), junk.size()), ACL_ERROR_OP_LOAD_FAILED);
  std::string full = ReadFileBytes(WriteReluAddOm());
  EXPECT_EQ(aclopLoad(full.data(), full.size()), ACL_ERROR_OP_LOAD_FAILED);
  EXPECT_NE(RecentError().find("not a single-operator model"), std::string::npos) << RecentError();
}

}  // namespace
}  // namespace openacl_test
