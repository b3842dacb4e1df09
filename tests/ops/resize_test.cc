// Resize (opsets 10, 13, 18) and Upsample (7, 9): hand-computed interpolation results.
#include "op_test_util.h"

namespace openacl::testing {
namespace {

OpRun ResizeScales(int opset, Tensor x, std::vector<float> scales, const std::string& mode,
                   const std::string& coord = "") {
  OpTest t("Resize", opset);
  t.Attr("mode", Attribute::String(mode));
  if (!coord.empty()) t.Attr("coordinate_transformation_mode", Attribute::String(coord));
  t.Input(std::move(x))
      .NoInput()
      .ConstInput(MakeFloat({static_cast<int64_t>(scales.size())}, scales));
  return t.RunAndCompareAll();
}

TEST(ResizeOp, NearestHalfPixelUpsample) {
  OpRun r = ResizeScales(13, MakeFloat({1, 1, 2, 2}, {1, 2, 3, 4}), {1, 1, 2, 2}, "nearest");
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0],
                   MakeFloat({1, 1, 4, 4}, {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}));
}

TEST(ResizeOp, LinearCoordinateModes) {
  OpRun half = ResizeScales(13, MakeFloat({4}, {0, 10, 20, 30}), {0.5f}, "linear");
  ASSERT_TRUE(half.status.ok()) << half.status.message();
  ExpectTensorNear(half.outputs[0], MakeFloat({2}, {5, 25}));
  OpRun asym = ResizeScales(13, MakeFloat({2}, {0, 10}), {2}, "linear", "asymmetric");
  ASSERT_TRUE(asym.status.ok());
  ExpectTensorNear(asym.outputs[0], MakeFloat({4}, {0, 5, 10, 10}));
  OpTest ac("Resize", 13);
  ac.Attr("mode", Attribute::String("linear"));
  ac.Attr("coordinate_transformation_mode", Attribute::String("align_corners"));
  ac.Input(MakeFloat({3}, {0, 10, 20})).NoInput().NoInput().ConstInput(MakeInt64({1}, {5}));
  OpRun r = ac.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({5}, {0, 5, 10, 15, 20}));
}

TEST(ResizeOp, CubicReproducesARampInTheInterior) {
  std::vector<float> ramp = {0, 1, 2, 3, 4, 5, 6, 7};
  OpTest t("Resize", 13);
  t.Attr("mode", Attribute::String("cubic"));
  t.Attr("coordinate_transformation_mode", Attribute::String("align_corners"));
  t.Input(MakeFloat({8}, ramp)).NoInput().NoInput().ConstInput(MakeInt64({1}, {15}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ASSERT_EQ(r.outputs[0].shape(), Shape({15}));
  for (int x = 3; x <= 11; ++x) EXPECT_NEAR(r.outputs[0].GetAsDouble(x), x / 2.0, 1e-5) << x;
}

TEST(ResizeOp, TfCropAndResizeExtrapolates) {
  OpTest t("Resize", 13);
  t.Attr("mode", Attribute::String("linear"));
  t.Attr("coordinate_transformation_mode", Attribute::String("tf_crop_and_resize"));
  t.Attr("extrapolation_value", Attribute::Float(99));
  t.Input(MakeFloat({4}, {0, 10, 20, 30}))
      .ConstInput(MakeFloat({2}, {0.5f, 1.5f}))
      .NoInput()
      .ConstInput(MakeInt64({1}, {3}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({3}, {15, 30, 99}));
}

TEST(ResizeOp, Opset10NearestDownsample) {
  OpTest t("Resize", 10);
  t.Input(MakeFloat({4}, {1, 2, 3, 4})).ConstInput(MakeFloat({1}, {0.5f}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2}, {1, 3}));
}

TEST(ResizeOp, Opset18AxesAndKeepAspectRatio) {
  OpTest axes("Resize", 18);
  axes.Attr("axes", Attribute::Ints({3}));
  axes.Input(MakeFloat({1, 1, 2, 2}, {1, 2, 3, 4})).NoInput().ConstInput(MakeFloat({1}, {2}));
  OpRun r = axes.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({1, 1, 2, 4}, {1, 1, 2, 2, 3, 3, 4, 4}));
  OpTest keep("Resize", 18);
  keep.Attr("keep_aspect_ratio_policy", Attribute::String("not_larger"));
  keep.Input(MakeFloat({2, 4}, {1, 2, 3, 4, 5, 6, 7, 8}))
      .NoInput()
      .NoInput()
      .ConstInput(MakeInt64({2}, {4, 4}));
  r = keep.RunReference();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.outputs[0].shape(), Shape({2, 4}));
}

TEST(ResizeOp, Errors) {
  OpTest runtime("Resize", 13);
  runtime.Input(MakeFloat({2}, {1, 2})).NoInput().Input(MakeFloat({1}, {2}));
  EXPECT_EQ(runtime.RunReference().status.code(), StatusCode::kDataDependentShape);
  OpTest aa("Resize", 18);
  aa.Attr("antialias", Attribute::Int(1)).Attr("mode", Attribute::String("linear"));
  aa.Input(MakeFloat({2}, {1, 2})).NoInput().ConstInput(MakeFloat({1}, {0.5f}));
  OpRun r = aa.RunReference();
  EXPECT_EQ(r.status.code(), StatusCode::kFeatureUnsupported);
  EXPECT_NE(r.status.message().find("antialias"), std::string::npos);
  OpTest both("Resize", 13);
  both.Input(MakeFloat({2}, {1, 2}))
      .NoInput()
      .ConstInput(MakeFloat({1}, {2}))
      .ConstInput(MakeInt64({1}, {4}));
  EXPECT_FALSE(both.RunReference().status.ok());
  OpTest mode("Resize", 13);
  mode.Attr("mode", Attribute::String("area"));
  mode.Input(MakeFloat({2}, {1, 2})).NoInput().ConstInput(MakeFloat({1}, {2}));
  EXPECT_FALSE(mode.RunReference().status.ok());
}

TEST(UpsampleOp, Opset7AttributeAndOpset9Input) {
  OpTest t("Upsample", 7);
  t.Attr("scales", Attribute::Floats({1, 2}));
  t.Input(MakeFloat({1, 2}, {1, 2}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({1, 4}, {1, 1, 2, 2}));
  OpTest lin("Upsample", 9);
  lin.Attr("mode", Attribute::String("linear"));
  lin.Input(MakeFloat({2}, {0, 10})).ConstInput(MakeFloat({1}, {2}));
  r = lin.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({4}, {0, 5, 10, 10}));
  OpTest down("Upsample", 9);
  down.Input(MakeFloat({2}, {0, 10})).ConstInput(MakeFloat({1}, {0.5f}));
  EXPECT_FALSE(down.RunReference().status.ok());
}

}  // namespace
}  // namespace openacl::testing
