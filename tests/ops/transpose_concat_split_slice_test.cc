// Transpose, Concat, Split, Slice.
#include "op_test_util.h"

namespace openacl::testing {
namespace {

TEST(TransposeOp, DefaultReversesAndPerm) {
  OpTest t("Transpose");
  t.Input(MakeFloat({2, 3}, {1, 2, 3, 4, 5, 6}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[0], MakeFloat({3, 2}, {1, 4, 2, 5, 3, 6}));
  OpTest p("Transpose");
  p.Attr("perm", Attribute::Ints({1, 0, 2}));
  p.Input(MakeInt32({2, 2, 2}, {0, 1, 2, 3, 4, 5, 6, 7}));
  r = p.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[0], MakeInt32({2, 2, 2}, {0, 1, 4, 5, 2, 3, 6, 7}));
}

TEST(TransposeOp, BadPerm) {
  OpTest t("Transpose");
  t.Attr("perm", Attribute::Ints({0, 0})).Input(MakeFloat({2, 3}, {1, 2, 3, 4, 5, 6}));
  EXPECT_FALSE(t.RunReference().status.ok());
}

TEST(ConcatOp, Int64ShapesAndNegativeAxis) {
  OpTest t("Concat");
  t.Attr("axis", Attribute::Int(0));
  t.Input(MakeInt64({1}, {-1})).Input(MakeInt64({2}, {3, 4}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeInt64({3}, {-1, 3, 4}));
  OpTest m("Concat");
  m.Attr("axis", Attribute::Int(-1));
  m.Input(MakeFloat({2, 1}, {1, 2})).Input(MakeFloat({2, 2}, {3, 4, 5, 6}));
  r = m.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 3}, {1, 3, 4, 2, 5, 6}));
}

TEST(ConcatOp, Errors) {
  OpTest mismatch("Concat");
  mismatch.Attr("axis", Attribute::Int(0));
  mismatch.Input(MakeFloat({1, 2}, {1, 2})).Input(MakeFloat({1, 3}, {1, 2, 3}));
  EXPECT_FALSE(mismatch.RunReference().status.ok());
  OpTest bad_axis("Concat");
  bad_axis.Attr("axis", Attribute::Int(2)).Input(MakeFloat({1, 2}, {1, 2}));
  EXPECT_FALSE(bad_axis.RunReference().status.ok());
  OpTest no_axis("Concat");
  no_axis.Input(MakeFloat({1, 2}, {1, 2}));
  EXPECT_FALSE(no_axis.RunReference().status.ok());
}

TEST(SplitOp, EqualAttrAndInputForms) {
  OpTest eq("Split", 11);
  eq.Attr("axis", Attribute::Int(1)).Input(MakeFloat({2, 4}, {1, 2, 3, 4, 5, 6, 7, 8})).Outputs(2);
  OpRun r = eq.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 2}, {1, 2, 5, 6}));
  ExpectTensorNear(r.outputs[1], MakeFloat({2, 2}, {3, 4, 7, 8}));
  OpTest attr("Split", 11);
  attr.Attr("split", Attribute::Ints({1, 3})).Input(MakeFloat({4}, {1, 2, 3, 4})).Outputs(2);
  r = attr.RunReference();
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[1], MakeFloat({3}, {2, 3, 4}));
  OpTest in("Split", 13);
  in.Input(MakeFloat({4}, {1, 2, 3, 4})).ConstInput(MakeInt64({2}, {3, 1})).Outputs(2);
  r = in.RunReference();
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[0], MakeFloat({3}, {1, 2, 3}));
}

TEST(SplitOp, NumOutputsOpset18LastChunkSmaller) {
  OpTest t("Split", 18);
  t.Attr("num_outputs", Attribute::Int(3)).Input(MakeFloat({5}, {1, 2, 3, 4, 5})).Outputs(3);
  OpRun r = t.RunReference();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2}, {1, 2}));
  ExpectTensorNear(r.outputs[2], MakeFloat({1}, {5}));
}

TEST(SplitOp, Errors) {
  OpTest uneven("Split", 13);
  uneven.Input(MakeFloat({5}, {1, 2, 3, 4, 5})).Outputs(2);
  EXPECT_FALSE(uneven.RunReference().status.ok());
  OpTest sum("Split", 13);
  sum.Input(MakeFloat({4}, {1, 2, 3, 4})).ConstInput(MakeInt64({2}, {1, 2})).Outputs(2);
  EXPECT_FALSE(sum.RunReference().status.ok());
  OpTest runtime("Split", 13);
  runtime.Input(MakeFloat({4}, {1, 2, 3, 4})).Input(MakeInt64({2}, {2, 2})).Outputs(2);
  EXPECT_EQ(runtime.RunReference().status.code(), StatusCode::kDataDependentShape);
}

TEST(SliceOp, AttributesBeforeOpset10) {
  OpTest t("Slice", 9);
  t.Attr("starts", Attribute::Ints({1})).Attr("ends", Attribute::Ints({1000}));
  t.Attr("axes", Attribute::Ints({1}));
  t.Input(MakeFloat({2, 3}, {1, 2, 3, 4, 5, 6}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 2}, {2, 3, 5, 6}));
}

TEST(SliceOp, NegativeStepsClampingAndAxes) {
  // x[::-2] on axis 0 of [5]: starts INT64_MAX clamps to 4.
  OpTest t("Slice", 13);
  t.Input(MakeFloat({5}, {0, 1, 2, 3, 4}))
      .ConstInput(MakeInt64({1}, {INT64_MAX}))
      .ConstInput(MakeInt64({1}, {INT64_MIN}))
      .ConstInput(MakeInt64({1}, {0}))
      .ConstInput(MakeInt64({1}, {-2}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({3}, {4, 2, 0}));
  // 2-D, negative axis, negative start: x[:, -2:]
  OpTest n("Slice", 13);
  n.Input(MakeInt64({2, 3}, {1, 2, 3, 4, 5, 6}))
      .ConstInput(MakeInt64({1}, {-2}))
      .ConstInput(MakeInt64({1}, {3}))
      .ConstInput(MakeInt64({1}, {-1}));
  r = n.RunReference();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeInt64({2, 2}, {2, 3, 5, 6}));
  // Empty result when start >= end.
  OpTest e("Slice", 13);
  e.Input(MakeFloat({4}, {1, 2, 3, 4}))
      .ConstInput(MakeInt64({1}, {3}))
      .ConstInput(MakeInt64({1}, {1}));
  r = e.RunReference();
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.outputs[0].shape(), Shape({0}));
}

TEST(SliceOp, Errors) {
  OpTest zero("Slice", 13);
  zero.Input(MakeFloat({4}, {1, 2, 3, 4}))
      .ConstInput(MakeInt64({1}, {0}))
      .ConstInput(MakeInt64({1}, {4}))
      .ConstInput(MakeInt64({1}, {0}))
      .ConstInput(MakeInt64({1}, {0}));
  EXPECT_FALSE(zero.RunReference().status.ok());
  OpTest axis("Slice", 13);
  axis.Input(MakeFloat({4}, {1, 2, 3, 4}))
      .ConstInput(MakeInt64({1}, {0}))
      .ConstInput(MakeInt64({1}, {4}))
      .ConstInput(MakeInt64({1}, {3}));
  EXPECT_FALSE(axis.RunReference().status.ok());
  OpTest runtime("Slice", 13);
  runtime.Input(MakeFloat({4}, {1, 2, 3, 4}))
      .Input(MakeInt64({1}, {0}))
      .ConstInput(MakeInt64({1}, {2}));
  EXPECT_EQ(runtime.RunReference().status.code(), StatusCode::kDataDependentShape);
}

}  // namespace
}  // namespace openacl::testing
