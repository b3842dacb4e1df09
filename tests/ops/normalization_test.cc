// LayerNormalization, InstanceNormalization, BatchNormalization, GroupNormalization, LRN,
// MeanVarianceNormalization.
#include <cmath>

#include "op_test_util.h"

namespace openacl::testing {
namespace {

TEST(LayerNormalization, LastAxisWithStats) {
  // rows [1, 3] and [2, 6]: mean 2 / 4, var 1 / 4.
  OpTest t("LayerNormalization", 17);
  t.Input(MakeFloat({2, 2}, {1, 3, 2, 6}))
      .Input(MakeFloat({2}, {1, 2}))
      .Input(MakeFloat({2}, {0, 1}))
      .Attr("epsilon", Attribute::Float(0))
      .Outputs(3);
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 2}, {-1, 3, -1, 3}));
  ExpectTensorNear(r.outputs[1], MakeFloat({2, 1}, {2, 4}));
  ExpectTensorNear(r.outputs[2], MakeFloat({2, 1}, {1, 0.5f}));
}

TEST(LayerNormalization, ScaleMustBroadcast) {
  OpTest t("LayerNormalization", 17);
  t.Input(MakeFloat({2, 2}, {1, 3, 2, 6})).Input(MakeFloat({3}, {1, 1, 1}));
  EXPECT_EQ(t.RunReference().status.code(), StatusCode::kShapeInvalid);
}

TEST(InstanceNormalization, PerChannel) {
  OpTest t("InstanceNormalization");
  t.Input(MakeFloat({1, 2, 2}, {1, 3, 5, 5}))
      .Input(MakeFloat({2}, {2, 1}))
      .Input(MakeFloat({2}, {0, 7}))
      .Attr("epsilon", Attribute::Float(0));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({1, 2, 2}, {-2, 2, 7, 7}));
  OpTest bad("InstanceNormalization");
  bad.Input(MakeFloat({1, 2, 2}, {1, 3, 5, 5}))
      .Input(MakeFloat({3}, {1, 1, 1}))
      .Input(MakeFloat({3}, {0, 0, 0}));
  EXPECT_EQ(bad.RunReference().status.code(), StatusCode::kShapeInvalid);
}

TEST(BatchNormalization, InferenceAndTrainingRejected) {
  auto make = [](OpTest& t) {
    t.Input(MakeFloat({1, 2, 1}, {3, 10}))
        .Input(MakeFloat({2}, {1, 2}))
        .Input(MakeFloat({2}, {0, 1}))
        .Input(MakeFloat({2}, {1, 6}))
        .Input(MakeFloat({2}, {4, 16}))
        .Attr("epsilon", Attribute::Float(0));
  };
  OpTest t("BatchNormalization", 15);
  make(t);
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({1, 2, 1}, {1, 3}));
  OpTest train("BatchNormalization", 15);
  make(train);
  train.Attr("training_mode", Attribute::Int(1));
  EXPECT_EQ(train.RunReference().status.code(), StatusCode::kFeatureUnsupported);
}

TEST(GroupNormalization, PerGroupParams) {
  // 4 channels, 2 groups, 1 spatial: groups {1, 3} and {2, 2}.
  OpTest t("GroupNormalization", 18);
  t.Input(MakeFloat({1, 4, 1}, {1, 3, 2, 2}))
      .Input(MakeFloat({2}, {2, 1}))
      .Input(MakeFloat({2}, {0, 5}))
      .Attr("num_groups", Attribute::Int(2))
      .Attr("epsilon", Attribute::Float(0));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({1, 4, 1}, {-2, 2, 5, 5}));
  OpTest bad("GroupNormalization", 18);
  bad.Input(MakeFloat({1, 4, 1}, {1, 3, 2, 2}))
      .Input(MakeFloat({2}, {1, 1}))
      .Input(MakeFloat({2}, {0, 0}))
      .Attr("num_groups", Attribute::Int(3));
  EXPECT_EQ(bad.RunReference().status.code(), StatusCode::kOpAttrNotMatch);
}

TEST(Lrn, AcrossChannels) {
  // size 2: window for c is [c, c+1]; y = x / (1 + 1/2 * sum sq)^1.
  OpTest t("LRN");
  t.Input(MakeFloat({1, 2, 1, 1}, {1, 2}))
      .Attr("size", Attribute::Int(2))
      .Attr("alpha", Attribute::Float(1))
      .Attr("beta", Attribute::Float(1))
      .Attr("bias", Attribute::Float(1));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({1, 2, 1, 1}, {1 / 3.5f, 2 / 3.f}));
  OpTest bad("LRN");
  bad.Input(MakeFloat({1, 2, 1, 1}, {1, 2}));
  EXPECT_EQ(bad.RunReference().status.code(), StatusCode::kOpAttrNotMatch);
}

TEST(MeanVarianceNormalization, DefaultAxes) {
  OpTest t("MeanVarianceNormalization", 13);
  t.Input(MakeFloat({2, 1, 1, 1}, {1, 3}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 1, 1, 1}, {-1, 1}));
  OpTest custom("MeanVarianceNormalization", 13);
  custom.Input(MakeFloat({2, 2}, {1, 3, 5, 5})).Attr("axes", Attribute::Ints({1}));
  r = custom.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 2}, {-1, 1, 0, 0}));
  OpTest bad("MeanVarianceNormalization", 13);
  bad.Input(MakeFloat({2, 2}, {1, 3, 5, 5}));  // default axes need rank 4
  EXPECT_EQ(bad.RunReference().status.code(), StatusCode::kShapeInvalid);
}

}  // namespace
}  // namespace openacl::testing
