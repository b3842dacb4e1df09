// Expand, Tile, Pad.
#include "op_test_util.h"

namespace openacl::testing {
namespace {

TEST(ExpandOp, BidirectionalBroadcast) {
  OpTest t("Expand");
  t.Input(MakeFloat({3, 1}, {1, 2, 3})).ConstInput(MakeInt64({3}, {2, 1, 2}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 3, 2}, {1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3}));
}

TEST(ExpandOp, Errors) {
  OpTest bad("Expand");
  bad.Input(MakeFloat({3}, {1, 2, 3})).ConstInput(MakeInt64({1}, {2}));
  EXPECT_FALSE(bad.RunReference().status.ok());
  OpTest runtime("Expand");
  runtime.Input(MakeFloat({3}, {1, 2, 3})).Input(MakeInt64({1}, {3}));
  EXPECT_EQ(runtime.RunReference().status.code(), StatusCode::kDataDependentShape);
}

TEST(TileOp, RepeatsEachDim) {
  OpTest t("Tile");
  t.Input(MakeFloat({2, 2}, {1, 2, 3, 4})).ConstInput(MakeInt64({2}, {2, 2}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0],
                   MakeFloat({4, 4}, {1, 2, 1, 2, 3, 4, 3, 4, 1, 2, 1, 2, 3, 4, 3, 4}));
  OpTest bad("Tile");
  bad.Input(MakeFloat({2, 2}, {1, 2, 3, 4})).ConstInput(MakeInt64({1}, {2}));
  EXPECT_FALSE(bad.RunReference().status.ok());
}

TEST(PadOp, ConstantWithValueInputAndAttributeForm) {
  OpTest t("Pad", 13);
  t.Input(MakeFloat({1, 2}, {1, 2}))
      .ConstInput(MakeInt64({4}, {0, 1, 1, 0}))
      .ConstInput(MakeFloat({}, {9}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 3}, {9, 1, 2, 9, 9, 9}));
  OpTest old("Pad", 2);
  old.Attr("pads", Attribute::Ints({1, 1})).Attr("value", Attribute::Float(-1));
  old.Input(MakeInt32({1}, {5}));
  r = old.RunReference();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeInt32({3}, {-1, 5, -1}));
}

TEST(PadOp, ReflectEdgeAndNegativePads) {
  OpTest reflect("Pad", 13);
  reflect.Attr("mode", Attribute::String("reflect"));
  reflect.Input(MakeFloat({3}, {1, 2, 3})).ConstInput(MakeInt64({2}, {2, 2}));
  OpRun r = reflect.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({7}, {3, 2, 1, 2, 3, 2, 1}));
  OpTest edge("Pad", 13);
  edge.Attr("mode", Attribute::String("edge"));
  edge.Input(MakeFloat({3}, {1, 2, 3})).ConstInput(MakeInt64({2}, {2, -1}));
  r = edge.RunReference();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({4}, {1, 1, 1, 2}));
}

TEST(PadOp, AxesInputOpset18) {
  OpTest t("Pad", 18);
  t.Input(MakeFloat({2, 2}, {1, 2, 3, 4}))
      .ConstInput(MakeInt64({2}, {1, 0}))
      .NoInput()
      .ConstInput(MakeInt64({1}, {-1}));
  OpRun r = t.RunReference();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 3}, {0, 1, 2, 0, 3, 4}));
}

TEST(PadOp, Errors) {
  OpTest runtime("Pad", 13);
  runtime.Input(MakeFloat({3}, {1, 2, 3})).Input(MakeInt64({2}, {1, 1}));
  EXPECT_EQ(runtime.RunReference().status.code(), StatusCode::kDataDependentShape);
  OpTest count("Pad", 13);
  count.Input(MakeFloat({3}, {1, 2, 3})).ConstInput(MakeInt64({1}, {1}));
  EXPECT_FALSE(count.RunReference().status.ok());
  OpTest crop("Pad", 13);
  crop.Input(MakeFloat({3}, {1, 2, 3})).ConstInput(MakeInt64({2}, {-2, -2}));
  EXPECT_FALSE(crop.RunReference().status.ok());
  OpTest mode("Pad", 13);
  mode.Attr("mode", Attribute::String("mirror"));
  mode.Input(MakeFloat({3}, {1, 2, 3})).ConstInput(MakeInt64({2}, {1, 1}));
  EXPECT_FALSE(mode.RunReference().status.ok());
}

}  // namespace
}  // namespace openacl::testing
