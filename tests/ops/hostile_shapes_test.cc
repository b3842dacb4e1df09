// Hostile shapes (issue 12 §6): attribute or constant values that make an op's output element
// count or byte size overflow, or exceed the tensor size limit, are shape-inference errors that
// name the node and its output; nothing is allocated or prepared from a wrapped size.
#include <chrono>
#include <cstdint>

#include "base/size_limits.h"
#include "op_test_util.h"

namespace openacl::testing {
namespace {

constexpr int64_t k2e40 = int64_t{1} << 40;
constexpr int64_t k2e62 = int64_t{1} << 62;

// The status of inferring the op, and a check that it failed fast with a message naming it.
void ExpectSizeError(OpTest& t, const char* what) {
  auto t0 = std::chrono::steady_clock::now();
  OpRun r = t.RunReference();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(r.status.code(), StatusCode::kShapeInvalid) << what << ": " << r.status.message();
  EXPECT_NE(r.status.message().find("output '"), std::string::npos) << r.status.message();
  EXPECT_LT(secs, 2.0) << what << " took " << secs << " s";
}

TEST(HostileShapes, TileWhoseDimWrapsToASmallNumberIsAnError) {
  // 4 * (2^62 + 1) wraps to 4 in int64 arithmetic: the output would look like [4].
  OpTest t("Tile");
  t.Input(MakeFloat({4}, {1, 2, 3, 4})).ConstInput(MakeInt64({1}, {k2e62 + 1}));
  ExpectSizeError(t, "Tile");
}

TEST(HostileShapes, TileWhoseElementCountOverflowsInt64IsAnError) {
  OpTest t("Tile");
  t.Input(MakeFloat({1, 1}, {1})).ConstInput(MakeInt64({2}, {k2e40, k2e40}));
  ExpectSizeError(t, "Tile 2^80 elements");
}

TEST(HostileShapes, PadOfTwoToTheFortyFailsFast) {
  OpTest t("Pad", 13);
  t.Input(MakeFloat({1}, {1})).ConstInput(MakeInt64({2}, {k2e40, k2e40}));
  ExpectSizeError(t, "Pad 2^40");
}

TEST(HostileShapes, PadWhoseSumOverflowsIsAnError) {
  OpTest t("Pad", 13);
  t.Input(MakeFloat({2}, {1, 2})).ConstInput(MakeInt64({2}, {INT64_MAX, 2}));
  OpRun r = t.RunReference();
  EXPECT_EQ(r.status.code(), StatusCode::kShapeInvalid) << r.status.message();
}

TEST(HostileShapes, ConstantOfShapeAndRangeBeyondTheLimit) {
  OpTest c("ConstantOfShape", 13);
  c.ConstInput(MakeInt64({2}, {k2e40, 1024}));
  ExpectSizeError(c, "ConstantOfShape");
  OpTest r("Range", 13);
  r.ConstInput(MakeInt64({}, {INT64_MIN + 1})).ConstInput(MakeInt64({}, {INT64_MAX}))
      .ConstInput(MakeInt64({}, {1}));
  ExpectSizeError(r, "Range over the whole int64 range");
  OpTest f("Range", 13);
  f.ConstInput(MakeFloat({}, {0})).ConstInput(MakeFloat({}, {3e38f})).ConstInput(MakeFloat({}, {1e-30f}));
  ExpectSizeError(f, "float Range whose count does not fit int64");
}

TEST(HostileShapes, ResizeScaleThatDoesNotFitInt64) {
  OpTest t("Resize", 13);
  t.Input(MakeFloat({1, 1, 1, 1}, {1}))
      .NoInput()
      .ConstInput(MakeFloat({4}, {1, 1, 3e38f, 3e38f}));
  ExpectSizeError(t, "Resize by 3e38");
}

TEST(HostileShapes, DepthToSpaceAndSpaceToDepthWithHugeBlocks) {
  OpTest d("DepthToSpace", 13);
  d.Input(MakeFloat({1, 0, 1, 1}, {})).Attr("blocksize", Attribute::Int(int64_t{1} << 33));
  EXPECT_FALSE(d.RunReference().status.ok());
  OpTest s("SpaceToDepth", 13);
  int64_t b = int64_t{1} << 31;
  s.Input(MakeFloat({1, 1, 0, 0}, {})).Attr("blocksize", Attribute::Int(b));
  OpRun r = s.RunReference();
  // [1, 2^62, 0, 0] has no elements; what matters is that nothing wrapped.
  if (r.status.ok()) EXPECT_EQ(r.outputs[0].shape()[1], int64_t{1} << 62);
}

TEST(HostileShapes, ConvTransposeAndPoolingWithHugeAttributes) {
  OpTest ct("ConvTranspose", 13);
  ct.Input(MakeFloat({1, 1, 3, 3}, std::vector<float>(9, 1.f)))
      .ConstInput(MakeFloat({1, 1, 1, 1}, {1}))
      .Attr("strides", Attribute::Ints({k2e40, k2e40}));
  EXPECT_FALSE(ct.RunReference().status.ok());
  OpTest mp("MaxPool", 13);
  mp.Input(MakeFloat({1, 1, 2, 2}, {1, 2, 3, 4}))
      .Attr("kernel_shape", Attribute::Ints({1, 1}))
      .Attr("pads", Attribute::Ints({INT64_MAX, 0, INT64_MAX, 0}));
  OpRun r = mp.RunReference();
  EXPECT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("pads"), std::string::npos) << r.status.message();
}

TEST(HostileShapes, TheLimitIsConfigurable) {
  OpTest small("Tile");
  small.Input(MakeFloat({1}, {1})).ConstInput(MakeInt64({1}, {1 << 20}));  // 4 MiB
  SetMaxTensorBytes(size_t{1} << 20);
  OpRun r = small.RunReference();
  SetMaxTensorBytes(0);
  EXPECT_EQ(r.status.code(), StatusCode::kShapeInvalid);
  EXPECT_NE(r.status.message().find("largest tensor allowed"), std::string::npos)
      << r.status.message();
  OpTest same("Tile");
  same.Input(MakeFloat({1}, {1})).ConstInput(MakeInt64({1}, {1 << 20}));
  EXPECT_TRUE(same.RunReference().status.ok());
}

}  // namespace
}  // namespace openacl::testing
