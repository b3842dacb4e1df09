// Gather, GatherElements, GatherND, ScatterND, ScatterElements, Scatter.
#include "op_test_util.h"

namespace openacl::testing {
namespace {

TEST(GatherOp, Axis0With2DIndicesAndNegativeIndexOnAxis1) {
  OpTest t("Gather");
  t.Input(MakeFloat({3, 2}, {1, 2, 3, 4, 5, 6})).Input(MakeInt64({2, 2}, {0, 1, 1, 2}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 2, 2}, {1, 2, 3, 4, 3, 4, 5, 6}));
  OpTest n("Gather");
  n.Attr("axis", Attribute::Int(1));
  n.Input(MakeFloat({3, 2}, {1, 2, 3, 4, 5, 6})).Input(MakeInt32({1}, {-1}));
  r = n.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[0], MakeFloat({3, 1}, {2, 4, 6}));
}

TEST(GatherOp, ScalarIndexOnInt64ShapeForFolding) {
  OpTest t("Gather");
  t.Input(MakeInt64({4}, {1, 3, 224, 224})).ConstInput(MakeInt64({}, {0}));
  OpRun r = t.RunReference();
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[0], MakeInt64({}, {1}));
}

TEST(GatherOp, Errors) {
  OpTest range("Gather");
  range.Input(MakeFloat({3}, {1, 2, 3})).Input(MakeInt64({1}, {3}));
  EXPECT_FALSE(range.RunReference().status.ok());
  OpTest axis("Gather");
  axis.Attr("axis", Attribute::Int(1)).Input(MakeFloat({3}, {1, 2, 3})).Input(MakeInt64({1}, {0}));
  EXPECT_FALSE(axis.RunReference().status.ok());
  OpTest type("Gather");
  type.Input(MakeFloat({3}, {1, 2, 3})).Input(MakeFloat({1}, {0}));
  EXPECT_FALSE(type.RunReference().status.ok());
}

TEST(GatherElementsOp, Axis1) {
  OpTest t("GatherElements", 13);
  t.Attr("axis", Attribute::Int(1));
  t.Input(MakeFloat({2, 2}, {1, 2, 3, 4})).Input(MakeInt64({2, 2}, {0, 0, 1, -2}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 2}, {1, 1, 4, 3}));
  OpTest rank("GatherElements", 13);
  rank.Input(MakeFloat({2, 2}, {1, 2, 3, 4})).Input(MakeInt64({2}, {0, 1}));
  EXPECT_FALSE(rank.RunReference().status.ok());
}

TEST(GatherNDOp, BatchDims) {
  OpTest t("GatherND", 12);
  t.Attr("batch_dims", Attribute::Int(1));
  t.Input(MakeFloat({2, 2, 2}, {0, 1, 2, 3, 4, 5, 6, 7})).Input(MakeInt64({2, 1}, {1, 0}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 2}, {2, 3, 4, 5}));
  OpTest full("GatherND", 11);
  full.Input(MakeFloat({2, 2}, {0, 1, 2, 3})).Input(MakeInt64({2, 2}, {0, 0, 1, 1}));
  r = full.RunReference();
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[0], MakeFloat({2}, {0, 3}));
  OpTest bad("GatherND", 11);
  bad.Input(MakeFloat({2, 2}, {0, 1, 2, 3})).Input(MakeInt64({1, 3}, {0, 0, 0}));
  EXPECT_FALSE(bad.RunReference().status.ok());
}

TEST(ScatterNDOp, NoneAndAddWithDuplicates) {
  OpTest t("ScatterND", 13);
  t.Input(MakeFloat({4}, {1, 2, 3, 4}))
      .Input(MakeInt64({2, 1}, {3, 0}))
      .Input(MakeFloat({2}, {9, 8}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({4}, {8, 2, 3, 9}));
  OpTest add("ScatterND", 16);
  add.Attr("reduction", Attribute::String("add"));
  add.Input(MakeInt64({4}, {1, 2, 3, 4}))
      .Input(MakeInt64({3, 1}, {1, 1, 3}))
      .Input(MakeInt64({3}, {10, 20, 30}));
  r = add.RunReference();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeInt64({4}, {1, 32, 3, 34}));
}

TEST(ScatterNDOp, ReductionNeedsOpset16AndUpdatesShape) {
  OpTest old("ScatterND", 13);
  old.Attr("reduction", Attribute::String("add"));
  old.Input(MakeFloat({2}, {1, 2})).Input(MakeInt64({1, 1}, {0})).Input(MakeFloat({1}, {1}));
  EXPECT_FALSE(old.RunReference().status.ok());
  OpTest shape("ScatterND", 13);
  shape.Input(MakeFloat({2}, {1, 2})).Input(MakeInt64({1, 1}, {0})).Input(MakeFloat({2}, {1, 1}));
  EXPECT_FALSE(shape.RunReference().status.ok());
}

TEST(ScatterElementsOp, NoneAndMul) {
  OpTest t("ScatterElements", 13);
  t.Input(MakeFloat({2, 3}, {1, 2, 3, 4, 5, 6}))
      .Input(MakeInt64({1, 3}, {1, 0, 1}))
      .Input(MakeFloat({1, 3}, {7, 8, 9}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 3}, {1, 8, 3, 7, 5, 9}));
  OpTest mul("ScatterElements", 16);
  mul.Attr("axis", Attribute::Int(1)).Attr("reduction", Attribute::String("mul"));
  mul.Input(MakeFloat({1, 3}, {1, 2, 3}))
      .Input(MakeInt64({1, 2}, {1, -2}))
      .Input(MakeFloat({1, 2}, {2, 3}));
  r = mul.RunReference();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({1, 3}, {1, 12, 3}));
  OpTest max("ScatterElements", 18);
  max.Attr("reduction", Attribute::String("max"));
  max.Input(MakeInt32({2}, {5, 1})).Input(MakeInt64({2}, {0, 1})).Input(MakeInt32({2}, {3, 4}));
  r = max.RunReference();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeInt32({2}, {5, 4}));
}

TEST(ScatterOp, DeprecatedOpset9FormAndBadIndex) {
  OpTest t("Scatter", 9);
  t.Input(MakeFloat({3}, {0, 0, 0})).Input(MakeInt32({2}, {2, 0})).Input(MakeFloat({2}, {5, 6}));
  OpRun r = t.RunReference();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({3}, {6, 0, 5}));
  OpTest bad("ScatterElements", 13);
  bad.Input(MakeFloat({3}, {0, 0, 0})).Input(MakeInt64({1}, {3})).Input(MakeFloat({1}, {5}));
  EXPECT_FALSE(bad.RunReference().status.ok());
}

}  // namespace
}  // namespace openacl::testing
