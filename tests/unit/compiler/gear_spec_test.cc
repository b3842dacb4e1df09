// atc's gear flags: what ParseGearSpec accepts and the malformed-flag matrix (every violation of
// ATC's rules is an error naming the flag and the value).
#include "compiler/gear_spec.h"

#include <gtest/gtest.h>

namespace openacl {
namespace {

GearFlags Batch(const std::string& shape, const std::string& gears) {
  GearFlags f;
  f.input_shape = shape;
  f.dynamic_batch_size = gears;
  return f;
}

GearFlags Image(const std::string& shape, const std::string& gears, const std::string& fmt = "") {
  GearFlags f;
  f.input_shape = shape;
  f.dynamic_image_size = gears;
  f.input_format = fmt;
  return f;
}

GearFlags Dims(const std::string& shape, const std::string& gears, const std::string& fmt = "ND") {
  GearFlags f;
  f.input_shape = shape;
  f.dynamic_dims = gears;
  f.input_format = fmt;
  return f;
}

TEST(GearSpec, NoGearFlagIsStatic) {
  GearFlags f;
  f.input_shape = "x:1,3,224,224";
  auto spec = ParseGearSpec(f);
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  EXPECT_FALSE(spec->dynamic());
}

TEST(GearSpec, BatchFillsTheFirstDimOfEveryDynamicInput) {
  auto spec = ParseGearSpec(Batch("x:-1,3,8,8;scale:-1,1;bias:4", " 1, 2,4,8 "));
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  EXPECT_EQ(spec->kind, GearKind::kBatch);
  ASSERT_EQ(spec->gears.size(), 4u);
  auto shapes = spec->ShapesOf(2);
  EXPECT_EQ(shapes["x"], (Shape{4, 3, 8, 8}));
  EXPECT_EQ(shapes["scale"], (Shape{4, 1}));
  EXPECT_EQ(shapes["bias"], (Shape{4}));
}

TEST(GearSpec, ImageSizeFillsHeightAndWidth) {
  auto nchw = ParseGearSpec(Image("data:1,3,-1,-1", "224,224;448,320"));
  ASSERT_TRUE(nchw.ok()) << nchw.status().message();
  EXPECT_EQ(nchw->ShapesOf(1)["data"], (Shape{1, 3, 448, 320}));
  auto nhwc = ParseGearSpec(Image("data:2,-1,-1,3", "224,224;448,320", "NHWC"));
  ASSERT_TRUE(nhwc.ok()) << nhwc.status().message();
  EXPECT_EQ(nhwc->ShapesOf(1)["data"], (Shape{2, 448, 320, 3}));
}

TEST(GearSpec, DimsFillTheMinusOnesInInputShapeOrder) {
  // zeta comes first on the command line: its -1 takes the first value although the map of
  // shapes sorts it last.
  auto spec = ParseGearSpec(Dims("zeta:1,-1;alpha:-1,-1", "1,2,3;4,5,6"));
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  auto shapes = spec->ShapesOf(1);
  EXPECT_EQ(shapes["zeta"], (Shape{1, 4}));
  EXPECT_EQ(shapes["alpha"], (Shape{5, 6}));
  // One dynamic dim: gears are single values.
  auto one = ParseGearSpec(Dims("data:1,-1", "4;8;16;64"));
  ASSERT_TRUE(one.ok()) << one.status().message();
  EXPECT_EQ(one->ShapesOf(3)["data"], (Shape{1, 64}));
}

struct Malformed {
  GearFlags flags;
  std::vector<std::string> expected;  // fragments the message must hold (flag, value, rule)
};

TEST(GearSpec, MalformedFlagMatrix) {
  GearFlags both = Batch("x:-1,3", "1,2");
  both.dynamic_image_size = "2,2;4,4";
  GearFlags dims_and_batch = Dims("x:-1,3", "1;2");
  dims_and_batch.dynamic_batch_size = "1,2";
  GearFlags with_range = Batch("x:-1,3", "1,2");
  with_range.input_shape_range = "x:[1~4,3]";
  GearFlags dims_aipp = Dims("x:-1,3", "1;2");
  dims_aipp.insert_op_conf = "aipp.cfg";
  std::string hundred_and_one;
  for (int i = 1; i <= 101; ++i) hundred_and_one += (i > 1 ? "," : "") + std::to_string(i);
  const std::vector<Malformed> cases = {
      {both, {"--dynamic_batch_size", "--dynamic_image_size", "cannot be used together"}},
      {dims_and_batch, {"--dynamic_batch_size", "--dynamic_dims", "cannot be used together"}},
      {with_range, {"--dynamic_batch_size", "--input_shape_range", "cannot be used together"}},
      {dims_aipp, {"--dynamic_dims", "--insert_op_conf"}},
      {Batch("", "1,2,4"), {"--dynamic_batch_size=\"1,2,4\"", "needs --input_shape"}},
      {Batch("x:1,3,8,8", "1,2,4"), {"--dynamic_batch_size", "needs -1", "x:1,3,8,8"}},
      {Batch("x:-1,3,8,8", "4"), {"--dynamic_batch_size=\"4\"", "1 gear", "2 to 100"}},
      {Batch("x:-1,3,8,8", hundred_and_one), {"--dynamic_batch_size", "101 gears", "2 to 100"}},
      {Batch("x:-1,3,8,8", "1,0,4"), {"--dynamic_batch_size=\"1,0,4\"", "value 0", "positive"}},
      {Batch("x:-1,3,8,8", "1,-2"), {"--dynamic_batch_size", "-2", "positive"}},
      {Batch("x:-1,3,8,8", "1,two"), {"--dynamic_batch_size", "'two'", "not an integer"}},
      {Batch("x:-1,3,8,8", "1,,4"), {"--dynamic_batch_size=\"1,,4\"", "empty gear"}},
      {Batch("x:-1,3,8,8", "1,2,2"), {"--dynamic_batch_size=\"1,2,2\"", "'2'", "twice"}},
      {Batch("x:-1,3,8,8", "1,4096"), {"--dynamic_batch_size", "4096", "2048"}},
      {Batch("x:1,-1,8,8", "1,2"), {"--input_shape=\"x:1,-1,8,8\"", "first (batch) dim", "'x'"}},
      {Batch("x:-1,-1,8,8", "1,2"), {"--input_shape", "first (batch) dim"}},
      {Batch("x:1~4,3,8,8", "1,2"), {"--input_shape", "ranges", "--dynamic_batch_size"}},
      {Batch("x:-1,3,8,8;x:-1,3", "1,2"), {"--input_shape", "'x' twice"}},
      {Batch("x:-1,3,a,8", "1,2"), {"--input_shape", "'a'"}},
      {Batch("x:-1,3,-5,8", "1,2"), {"--input_shape", "'-5'"}},
      {Image("data:1,3,-1,-1", "224"), {"--dynamic_image_size=\"224\"", "'224'", "height,width"}},
      {Image("data:1,3,-1,-1", "224,224,3;448,448,3"), {"--dynamic_image_size", "height,width"}},
      {Image("data:1,3,-1,-1", "224,224"), {"--dynamic_image_size", "1 gear"}},
      {Image("data:1,3,-1,-1", "224,224;224,224"), {"--dynamic_image_size", "'224,224'", "twice"}},
      {Image("data:1,3,-1,-1", "224,0;448,448"), {"--dynamic_image_size", "value 0"}},
      {Image("data:-1,3,224,224", "224,224;448,448"), {"--dynamic_image_size", "H and W"}},
      {Image("data:1,-1,-1,3", "224,224;448,448"), {"--dynamic_image_size", "H and W", "NCHW"}},
      {Image("data:1,3,-1", "224,224;448,448"), {"--dynamic_image_size", "4-D"}},
      {Image("data:1,3,-1,-1", "2,2;4,4", "ND"), {"--dynamic_image_size", "NCHW or NHWC"}},
      {Dims("x:1,-1", "1;2", ""), {"--dynamic_dims=\"1;2\"", "--input_format=ND", "not given"}},
      {Dims("x:1,-1", "1;2", "NCHW"), {"--dynamic_dims", "--input_format=ND", "NCHW"}},
      {Dims("x:1,-1,-1", "1,2;3"), {"--dynamic_dims=\"1,2;3\"", "gear '3'", "1 value", "2 -1 dims"}},
      {Dims("x:1,-1", "1;2;1"), {"--dynamic_dims", "'1'", "twice"}},
      {Dims("x:1,8", "1;2"), {"--dynamic_dims", "needs -1"}},
      {Dims("x:1,-1", "4"), {"--dynamic_dims", "1 gear"}},
  };
  for (const Malformed& c : cases) {
    auto spec = ParseGearSpec(c.flags);
    std::string shown = c.flags.input_shape + " | " + c.flags.dynamic_batch_size + " | " +
                        c.flags.dynamic_image_size + " | " + c.flags.dynamic_dims;
    ASSERT_FALSE(spec.ok()) << shown;
    EXPECT_EQ(spec.status().code(), StatusCode::kInvalidParam) << shown;
    for (const std::string& e : c.expected)
      EXPECT_NE(spec.status().message().find(e), std::string::npos)
          << shown << "\n  message: " << spec.status().message() << "\n  missing: " << e;
  }
}

TEST(GearSpec, TrailingSeparatorIsTolerated) {
  auto spec = ParseGearSpec(Batch("x:-1,3", "1,2,4,"));
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  EXPECT_EQ(spec->gears.size(), 3u);
  EXPECT_EQ(GearListToString(GearKind::kBatch, spec->gears), "1,2,4");
  EXPECT_EQ(GearListToString(GearKind::kImageSize, {{224, 224}, {448, 448}}), "224,224;448,448");
}

}  // namespace
}  // namespace openacl
