// Reshape, Flatten, Squeeze, Unsqueeze, Identity, Dropout: shape rules and copy kernels.
#include "op_test_util.h"
#include "ops/common/tensor_util.h"

namespace openacl::testing {
namespace {

std::vector<float> Iota(int n) {
  std::vector<float> v(n);
  for (int i = 0; i < n; ++i) v[i] = static_cast<float>(i);
  return v;
}

TEST(ReshapeOp, ZeroCopiesDimAndMinusOneInfers) {
  OpTest t("Reshape");
  t.Input(MakeFloat({2, 3, 4}, Iota(24))).ConstInput(MakeInt64({3}, {0, -1, 2}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 6, 2}, Iota(24)));
}

TEST(ReshapeOp, AllowZeroMakesEmptyDim) {
  OpTest t("Reshape", 14);
  t.Attr("allowzero", Attribute::Int(1));
  t.Input(MakeFloat({0, 3}, {})).ConstInput(MakeInt64({2}, {3, 0}));
  OpRun r = t.RunReference();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.outputs[0].shape(), Shape({3, 0}));
}

TEST(ReshapeOp, Errors) {
  OpTest bad("Reshape");
  bad.Input(MakeFloat({2, 3}, Iota(6))).ConstInput(MakeInt64({2}, {4, -1}));
  EXPECT_FALSE(bad.RunReference().status.ok());
  OpTest two("Reshape");
  two.Input(MakeFloat({2, 3}, Iota(6))).ConstInput(MakeInt64({2}, {-1, -1}));
  EXPECT_FALSE(two.RunReference().status.ok());
  OpTest runtime("Reshape");
  runtime.Input(MakeFloat({2, 3}, Iota(6))).Input(MakeInt64({1}, {6}));
  OpRun r = runtime.RunReference();
  EXPECT_EQ(r.status.code(), StatusCode::kDataDependentShape);
  EXPECT_NE(r.status.message().find("test_node"), std::string::npos) << r.status.message();
}

TEST(FlattenOp, AxesZeroNegativeAndBad) {
  OpTest t("Flatten");
  t.Attr("axis", Attribute::Int(0)).Input(MakeFloat({2, 3}, Iota(6)));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[0], MakeFloat({1, 6}, Iota(6)));
  OpTest n("Flatten");
  n.Attr("axis", Attribute::Int(-1)).Input(MakeFloat({2, 3, 4}, Iota(24)));
  r = n.RunReference();
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.outputs[0].shape(), Shape({6, 4}));
  OpTest bad("Flatten");
  bad.Attr("axis", Attribute::Int(4)).Input(MakeFloat({2, 3, 4}, Iota(24)));
  EXPECT_FALSE(bad.RunReference().status.ok());
}

TEST(SqueezeOp, AttrBefore13InputFrom13) {
  OpTest a("Squeeze", 11);
  a.Attr("axes", Attribute::Ints({-1})).Input(MakeFloat({2, 3, 1}, Iota(6)));
  OpRun r = a.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 3}, Iota(6)));
  OpTest b("Squeeze", 13);
  b.Input(MakeFloat({1, 3, 1}, Iota(3))).ConstInput(MakeInt64({1}, {0}));
  r = b.RunReference();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.outputs[0].shape(), Shape({3, 1}));
  OpTest all("Squeeze", 13);
  all.Input(MakeFloat({1, 3, 1}, Iota(3)));
  r = all.RunReference();
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.outputs[0].shape(), Shape({3}));
}

TEST(SqueezeOp, EmptyAxesInputSqueezesAll) {
  OpTest t("Squeeze", 13);
  t.Input(MakeFloat({1, 3, 1}, Iota(3))).ConstInput(MakeInt64({0}, {}));
  OpRun r = t.RunReference();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.outputs[0].shape(), Shape({3}));
}

TEST(SqueezeOp, Errors) {
  OpTest not_one("Squeeze", 13);
  not_one.Input(MakeFloat({2, 3}, Iota(6))).ConstInput(MakeInt64({1}, {1}));
  EXPECT_FALSE(not_one.RunReference().status.ok());
  OpTest bad_axis("Squeeze", 13);
  bad_axis.Input(MakeFloat({1, 3}, Iota(3))).ConstInput(MakeInt64({1}, {5}));
  EXPECT_FALSE(bad_axis.RunReference().status.ok());
  OpTest attr_at_13("Squeeze", 13);
  attr_at_13.Attr("axes", Attribute::Ints({0})).Input(MakeFloat({1, 3}, Iota(3)));
  EXPECT_FALSE(attr_at_13.RunReference().status.ok());
}

TEST(UnsqueezeOp, AttrAndInputForms) {
  OpTest a("Unsqueeze", 11);
  a.Attr("axes", Attribute::Ints({0, -1})).Input(MakeFloat({3}, {1, 2, 3}));
  OpRun r = a.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({1, 3, 1}, {1, 2, 3}));
  // int64 data, as constant folding of Shape->Unsqueeze->Concat needs.
  OpTest b("Unsqueeze", 13);
  b.Input(MakeInt64({}, {7})).ConstInput(MakeInt64({1}, {0}));
  r = b.RunReference();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeInt64({1}, {7}));
}

TEST(UnsqueezeOp, Errors) {
  OpTest dup("Unsqueeze", 13);
  dup.Input(MakeFloat({3}, {1, 2, 3})).ConstInput(MakeInt64({2}, {1, -2}));  // same position
  EXPECT_FALSE(dup.RunReference().status.ok());
  OpTest missing("Unsqueeze", 13);
  missing.Input(MakeFloat({3}, {1, 2, 3}));
  EXPECT_FALSE(missing.RunReference().status.ok());
  OpTest runtime("Unsqueeze", 13);
  runtime.Input(MakeFloat({3}, {1, 2, 3})).Input(MakeInt64({1}, {0}));
  EXPECT_EQ(runtime.RunReference().status.code(), StatusCode::kDataDependentShape);
}

TEST(IdentityOp, CopiesAnyType) {
  OpTest t("Identity");
  t.Input(MakeTyped(DType::kFloat16, {3}, {1, -2, 0.5}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[0], MakeTyped(DType::kFloat16, {3}, {1, -2, 0.5}));
}

TEST(CopyKernel, AliasedBuffersAreLeftAlone) {
  float data[3] = {1, 2, 3};
  Shape s = {3};
  TensorRef ref{data, DType::kFloat32, &s};
  KernelIO io;
  io.inputs = &ref;
  io.num_inputs = 1;
  io.outputs = &ref;
  io.num_outputs = 1;
  ASSERT_TRUE(CopyKernel().Run(io).ok());
  EXPECT_EQ(data[2], 3.0f);
}

TEST(DropoutOp, InferenceIsIdentityWithTrueMask) {
  OpTest t("Dropout", 13);
  t.Input(MakeFloat({2, 2}, {1, 2, 3, 4})).ConstInput(MakeFloat({}, {0.3f})).Outputs(2);
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 2}, {1, 2, 3, 4}));
  ExpectTensorNear(r.outputs[1], MakeTyped(DType::kBool, {2, 2}, {1, 1, 1, 1}));
  OpTest old("Dropout", 7);
  old.Attr("ratio", Attribute::Float(0.5f)).Input(MakeFloat({2}, {1, 2})).Outputs(2);
  r = old.RunReference();
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[1], MakeFloat({2}, {1, 1}));  // opset < 10: mask has type T
}

TEST(DropoutOp, TrainingModeIsRejected) {
  OpTest t("Dropout", 13);
  t.Input(MakeFloat({2}, {1, 2}))
      .ConstInput(MakeFloat({}, {0.5f}))
      .ConstInput(MakeTyped(DType::kBool, {}, {1}));
  EXPECT_EQ(t.RunReference().status.code(), StatusCode::kFeatureUnsupported);
  OpTest runtime("Dropout", 13);
  runtime.Input(MakeFloat({2}, {1, 2})).NoInput().Input(MakeTyped(DType::kBool, {}, {1}));
  EXPECT_FALSE(runtime.RunReference().status.ok());
}

}  // namespace
}  // namespace openacl::testing
