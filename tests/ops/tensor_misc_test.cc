// Shape, Size, ConstantOfShape, Range, DepthToSpace, SpaceToDepth, OneHot, Trilu,
// ReverseSequence, EyeLike, Constant.
#include "op_test_util.h"

namespace openacl::testing {
namespace {

TEST(ShapeOp, StartEndSinceOpset15) {
  OpTest t("Shape", 15);
  t.Attr("start", Attribute::Int(1)).Input(MakeFloat({2, 3, 4}, std::vector<float>(24)));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeInt64({2}, {3, 4}));
  OpTest e("Shape", 15);
  e.Attr("end", Attribute::Int(-1)).Input(MakeFloat({2, 3, 4}, std::vector<float>(24)));
  r = e.RunReference();
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[0], MakeInt64({2}, {2, 3}));
  OpTest old("Shape", 13);
  old.Attr("start", Attribute::Int(1)).Input(MakeFloat({2, 3}, std::vector<float>(6)));
  r = old.RunReference();  // start is ignored before opset 15
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[0], MakeInt64({2}, {2, 3}));
}

TEST(SizeOp, ScalarCount) {
  OpTest t("Size");
  t.Input(MakeFloat({2, 3, 4}, std::vector<float>(24)));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[0], MakeInt64({}, {24}));
}

TEST(ConstantOfShapeOp, ValueAndDefault) {
  OpTest t("ConstantOfShape");
  t.Attr("value", Attribute::TensorValue(MakeInt32({1}, {7})));
  t.ConstInput(MakeInt64({2}, {2, 3}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeInt32({2, 3}, {7, 7, 7, 7, 7, 7}));
  OpTest d("ConstantOfShape");
  d.ConstInput(MakeInt64({1}, {2}));
  r = d.RunReference();
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[0], MakeFloat({2}, {0, 0}));
  OpTest runtime("ConstantOfShape");
  runtime.Input(MakeInt64({1}, {2}));
  EXPECT_EQ(runtime.RunReference().status.code(), StatusCode::kDataDependentShape);
}

TEST(RangeOp, IntFloatAndNegativeDelta) {
  OpTest i("Range", 11);
  i.ConstInput(MakeInt64({}, {1})).ConstInput(MakeInt64({}, {8})).ConstInput(MakeInt64({}, {3}));
  OpRun r = i.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeInt64({3}, {1, 4, 7}));
  OpTest f("Range", 11);
  f.ConstInput(MakeFloat({}, {0}))
      .ConstInput(MakeFloat({}, {1}))
      .ConstInput(MakeFloat({}, {0.25f}));
  r = f.RunReference();
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[0], MakeFloat({4}, {0, 0.25f, 0.5f, 0.75f}));
  OpTest n("Range", 11);
  n.ConstInput(MakeInt32({}, {5})).ConstInput(MakeInt32({}, {1})).ConstInput(MakeInt32({}, {-2}));
  r = n.RunReference();
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[0], MakeInt32({2}, {5, 3}));
  OpTest runtime("Range", 11);
  runtime.Input(MakeInt64({}, {0})).ConstInput(MakeInt64({}, {4})).ConstInput(MakeInt64({}, {1}));
  EXPECT_EQ(runtime.RunReference().status.code(), StatusCode::kDataDependentShape);
}

TEST(DepthToSpaceOp, DcrAndCrd) {
  std::vector<float> x = {0, 1, 2, 3, 4, 5, 6, 7};
  OpTest dcr("DepthToSpace", 13);
  dcr.Attr("blocksize", Attribute::Int(2)).Input(MakeFloat({1, 8, 1, 1}, x));
  OpRun r = dcr.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({1, 2, 2, 2}, {0, 2, 4, 6, 1, 3, 5, 7}));
  OpTest crd("DepthToSpace", 13);
  crd.Attr("blocksize", Attribute::Int(2)).Attr("mode", Attribute::String("CRD"));
  crd.Input(MakeFloat({1, 8, 1, 1}, x));
  r = crd.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[0], MakeFloat({1, 2, 2, 2}, x));
  OpTest bad("DepthToSpace", 13);
  bad.Attr("blocksize", Attribute::Int(2)).Input(MakeFloat({1, 6, 1, 1}, {0, 1, 2, 3, 4, 5}));
  EXPECT_FALSE(bad.RunReference().status.ok());
}

TEST(SpaceToDepthOp, Blocks) {
  OpTest t("SpaceToDepth", 13);
  t.Attr("blocksize", Attribute::Int(2)).Input(MakeFloat({1, 2, 2, 2}, {0, 1, 2, 3, 4, 5, 6, 7}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({1, 8, 1, 1}, {0, 4, 1, 5, 2, 6, 3, 7}));
  OpTest bad("SpaceToDepth", 13);
  bad.Attr("blocksize", Attribute::Int(2)).Input(MakeFloat({1, 1, 3, 2}, {0, 1, 2, 3, 4, 5}));
  EXPECT_FALSE(bad.RunReference().status.ok());
}

TEST(OneHotOp, LastAxisAndAxis0) {
  OpTest t("OneHot", 11);
  t.Input(MakeInt64({3}, {0, 2, -1})).ConstInput(MakeInt64({}, {3})).Input(MakeFloat({2}, {0, 1}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({3, 3}, {1, 0, 0, 0, 0, 1, 0, 0, 1}));
  OpTest a("OneHot", 11);
  a.Attr("axis", Attribute::Int(0));
  a.Input(MakeInt64({3}, {0, 2, 5})).ConstInput(MakeInt64({}, {3})).Input(MakeInt32({2}, {-1, 1}));
  r = a.RunReference();
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[0], MakeInt32({3, 3}, {1, -1, -1, -1, -1, -1, -1, 1, -1}));
  OpTest runtime("OneHot", 11);
  runtime.Input(MakeInt64({1}, {0})).Input(MakeInt64({}, {3})).Input(MakeFloat({2}, {0, 1}));
  EXPECT_EQ(runtime.RunReference().status.code(), StatusCode::kDataDependentShape);
}

TEST(TriluOp, UpperWithRuntimeKAndLower) {
  std::vector<float> x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  OpTest u("Trilu", 14);
  u.Input(MakeFloat({3, 3}, x)).Input(MakeInt64({}, {1}));
  OpRun r = u.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({3, 3}, {0, 2, 3, 0, 0, 6, 0, 0, 0}));
  OpTest l("Trilu", 14);
  l.Attr("upper", Attribute::Int(0)).Input(MakeFloat({3, 3}, x));
  r = l.RunReference();
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[0], MakeFloat({3, 3}, {1, 0, 0, 4, 5, 0, 7, 8, 9}));
  OpTest bad("Trilu", 14);
  bad.Input(MakeFloat({3}, {1, 2, 3}));
  EXPECT_FALSE(bad.RunReference().status.ok());
}

TEST(ReverseSequenceOp, TimeMajor) {
  OpTest t("ReverseSequence", 10);
  t.Attr("time_axis", Attribute::Int(0)).Attr("batch_axis", Attribute::Int(1));
  t.Input(MakeFloat({4, 2}, {0, 1, 2, 3, 4, 5, 6, 7})).Input(MakeInt64({2}, {4, 2}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({4, 2}, {6, 3, 4, 1, 2, 5, 0, 7}));
  OpTest bad("ReverseSequence", 10);
  bad.Input(MakeFloat({4, 2}, {0, 1, 2, 3, 4, 5, 6, 7})).Input(MakeInt64({2}, {5, 1}));
  EXPECT_FALSE(bad.RunReference().status.ok());
}

TEST(EyeLikeOp, OffsetDiagonalAndDtype) {
  OpTest t("EyeLike", 9);
  t.Attr("k", Attribute::Int(1)).Attr("dtype", Attribute::Int(static_cast<int>(DType::kFloat32)));
  t.Input(MakeInt32({2, 3}, {0, 0, 0, 0, 0, 0}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 3}, {0, 1, 0, 0, 0, 1}));
  OpTest bad("EyeLike", 9);
  bad.Input(MakeFloat({3}, {0, 0, 0}));
  EXPECT_FALSE(bad.RunReference().status.ok());
}

TEST(ConstantOp, AttributeForms) {
  OpTest ints("Constant", 13);
  ints.Attr("value_ints", Attribute::Ints({1, 2}));
  OpRun r = ints.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeInt64({2}, {1, 2}));
  OpTest f("Constant", 13);
  f.Attr("value_float", Attribute::Float(2.5f));
  r = f.RunReference();
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[0], MakeFloat({}, {2.5f}));
  OpTest t("Constant", 13);
  t.Attr("value", Attribute::TensorValue(MakeFloat({2, 1}, {3, 4})));
  r = t.RunReference();
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 1}, {3, 4}));
  OpTest none("Constant", 13);
  EXPECT_FALSE(none.RunReference().status.ok());
  OpTest str("Constant", 13);
  str.Attr("value_string", Attribute::String("x"));
  EXPECT_FALSE(str.RunReference().status.ok());
}

}  // namespace
}  // namespace openacl::testing
