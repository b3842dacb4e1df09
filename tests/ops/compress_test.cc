// Compress: the ONNX examples (axis 0, 1, -1, none), conditions shorter / longer than the axis,
// nothing kept, a middle axis, and shape inference with runtime inputs.
#include "op_test_util.h"
#include "value_shape_test_util.h"

namespace openacl::testing {
namespace {

Tensor Data32() { return MakeFloat({3, 2}, {1, 2, 3, 4, 5, 6}); }
Tensor Cond(Shape shape, const std::vector<double>& v) {
  return MakeTyped(DType::kBool, std::move(shape), v);
}

OpRun RunCompress(Tensor data, Tensor cond, std::optional<int64_t> axis, int opset = 11) {
  OpTest t("Compress", opset);
  if (axis) t.Attr("axis", Attribute::Int(*axis));
  t.ConstInput(std::move(data)).ConstInput(std::move(cond));
  return t.RunAndCompareAll();
}

TEST(CompressOp, OnnxExamples) {
  OpRun r = RunCompress(Data32(), Cond({3}, {0, 1, 1}), 0);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 2}, {3, 4, 5, 6}));
  r = RunCompress(Data32(), Cond({2}, {0, 1}), 1);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({3, 1}, {2, 4, 6}));
  r = RunCompress(Data32(), Cond({2}, {0, 1}), -1);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({3, 1}, {2, 4, 6}));
  r = RunCompress(Data32(), Cond({5}, {0, 1, 0, 0, 1}), std::nullopt, 9);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2}, {2, 5}));
}

TEST(CompressOp, ConditionShorterThanAxisDropsTheRest) {
  OpRun r = RunCompress(Data32(), Cond({1}, {1}), 0);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({1, 2}, {1, 2}));
  r = RunCompress(Data32(), Cond({3}, {0, 1, 1}), std::nullopt);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2}, {2, 3}));
}

TEST(CompressOp, ConditionLongerThanAxisIgnoresExtraEntries) {
  OpRun r = RunCompress(Data32(), Cond({4}, {1, 0, 1, 1}), 1);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({3, 1}, {1, 3, 5}));
}

TEST(CompressOp, NothingKept) {
  OpRun r = RunCompress(Data32(), Cond({2}, {0, 0}), 1);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.outputs[0].shape(), (Shape{3, 0}));
  r = RunCompress(Data32(), Cond({0}, {}), std::nullopt);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.outputs[0].shape(), (Shape{0}));
}

TEST(CompressOp, MiddleAxisInt64) {
  std::vector<int64_t> v(12);
  for (int i = 0; i < 12; ++i) v[i] = i;
  OpRun r = RunCompress(MakeInt64({2, 3, 2}, v), Cond({3}, {1, 0, 1}), 1);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeInt64({2, 2, 2}, {0, 1, 4, 5, 6, 7, 10, 11}));
}

TEST(CompressOp, RuntimeInputsGiveUnknownDim) {
  AttrMap axis1;
  axis1.set("axis", Attribute::Int(1));
  InferResult r =
      InferOnly("Compress", 11, {Runtime(Data32()), Runtime(Cond({2}, {0, 1}))}, axis1, 1);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.shapes[0], (Shape{3, -1}));
  EXPECT_EQ(r.dtypes[0], DType::kFloat32);
  r = InferOnly("Compress", 11, {Const(Data32()), Runtime(Cond({2}, {0, 1}))}, AttrMap(), 1);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.shapes[0], (Shape{-1}));
  r = InferOnly("Compress", 11, {Const(Data32()), Const(Cond({2}, {0, 1}))}, axis1, 1);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.shapes[0], (Shape{3, 1}));
}

TEST(CompressOp, RejectsNonBoolCondition) {
  OpTest t("Compress", 11);
  t.ConstInput(Data32()).ConstInput(MakeInt64({2}, {0, 1}));
  EXPECT_FALSE(t.RunReference().status.ok());
}

}  // namespace
}  // namespace openacl::testing
