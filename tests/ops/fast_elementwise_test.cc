// Broadcast layouts the fast cpu Add/Sub/Mul/Div/Clip kernels special-case (same shape, scalar,
// per-channel, outer product, one long row split across threads); RunAndCompareAll checks each
// registered fast kernel against the reference.
#include "op_test_util.h"

namespace openacl::testing {
namespace {

void CheckBinary(const std::string& op, const Shape& a, const Shape& b, bool const_b = false) {
  for (bool swap : {false, true}) {
    OpTest t(op);
    Tensor ta = RandomFloat(swap ? b : a, 3, 0.5f, 2.0f), tb = RandomFloat(swap ? a : b, 4, 0.5f, 2.0f);
    t.Input(std::move(ta));
    if (const_b)
      t.ConstInput(std::move(tb));
    else
      t.Input(std::move(tb));
    OpRun r = t.RunAndCompareAll(1e-5, 1e-5);
    ASSERT_TRUE(r.status.ok()) << op << ": " << r.status.message();
  }
}

}  // namespace

TEST(FastBinary, Layouts) {
  for (const char* op : {"Add", "Sub", "Mul", "Div"}) {
    CheckBinary(op, {2, 3, 5, 7}, {2, 3, 5, 7});        // same shape
    CheckBinary(op, {2, 3, 5, 7}, {});                  // scalar
    CheckBinary(op, {2, 3, 5, 7}, {1}, true);           // 1-element constant
    CheckBinary(op, {2, 8, 5, 7}, {1, 8, 1, 1});        // per channel
    CheckBinary(op, {2, 8, 5, 7}, {2, 8, 1, 1});        // per (n, c)
    CheckBinary(op, {6, 1}, {1, 9});                    // outer product (both broadcast)
    CheckBinary(op, {3, 4, 5}, {4, 1});                 // middle broadcast
    CheckBinary(op, {1, 128, 512}, {512});              // bias over rows
    CheckBinary(op, {1, 4, 160, 160}, {1, 4, 160, 160});  // > 64K elements: threaded
    CheckBinary(op, {200000}, {1});                     // one long row, split
  }
}

TEST(FastClip, BoundsAndLarge) {
  for (int64_t n : {int64_t{37}, int64_t{100000}}) {
    OpTest t("Clip");
    t.Input(RandomFloat({n}, 5, -8.0f, 8.0f))
        .ConstInput(MakeFloat({}, {0.0f}))
        .ConstInput(MakeFloat({}, {6.0f}));
    OpRun r = t.RunAndCompareAll();
    ASSERT_TRUE(r.status.ok()) << r.status.message();
  }
  OpTest lower_only("Clip");
  lower_only.Input(RandomFloat({3, 50}, 6, -2.0f, 2.0f)).ConstInput(MakeFloat({}, {-0.5f}));
  ASSERT_TRUE(lower_only.RunAndCompareAll().status.ok());
  OpTest upper_only("Clip");
  upper_only.Input(RandomFloat({3, 50}, 7, -2.0f, 2.0f)).NoInput().Input(MakeFloat({}, {0.25f}));
  ASSERT_TRUE(upper_only.RunAndCompareAll().status.ok());
}

}  // namespace openacl::testing

namespace openacl::testing {

TEST(FastRowOps, Softmax) {
  for (int opset : {11, 13}) {
    OpTest t("Softmax", opset);
    t.Input(RandomFloat({2, 8, 33}, 8, -4.0f, 4.0f));
    if (opset == 11) t.Attr("axis", Attribute::Int(1));
    OpRun r = t.RunAndCompareAll();
    ASSERT_TRUE(r.status.ok()) << r.status.message();
  }
  OpTest big("Softmax", 13);
  big.Input(RandomFloat({8, 128, 128}, 9, -6.0f, 6.0f));
  ASSERT_TRUE(big.RunAndCompareAll().status.ok());
}

TEST(FastRowOps, ReduceMean) {
  for (int keep : {0, 1}) {
    OpTest t("ReduceMean", 13);
    t.Input(RandomFloat({3, 128, 512}, 10)).Attr("axes", Attribute::Ints({-1}));
    t.Attr("keepdims", Attribute::Int(keep));
    ASSERT_TRUE(t.RunAndCompareAll().status.ok());
  }
  OpTest two("ReduceMean", 13);
  two.Input(RandomFloat({4, 5, 6}, 11)).Attr("axes", Attribute::Ints({2, 1}));
  ASSERT_TRUE(two.RunAndCompareAll().status.ok());
  OpTest inner("ReduceMean", 13);  // not trailing: reference only, still correct
  inner.Input(RandomFloat({4, 5, 6}, 12)).Attr("axes", Attribute::Ints({1}));
  ASSERT_TRUE(inner.RunAndCompareAll().status.ok());
}

TEST(FastRowOps, PowScalarExponent) {
  for (float e : {2.0f, 0.5f, 1.0f, 3.0f}) {
    OpTest t("Pow");
    t.Input(RandomFloat({1, 128, 600}, 13, 0.1f, 3.0f)).ConstInput(MakeFloat({}, {e}));
    ASSERT_TRUE(t.RunAndCompareAll().status.ok()) << "exponent " << e;
  }
}

}  // namespace openacl::testing

namespace openacl::testing {

TEST(FastBatchNorm, Inference) {
  for (Shape x : {Shape{2, 3, 5, 7}, Shape{1, 16, 80, 80}, Shape{4, 6}}) {
    int64_t c = x[1];
    OpTest t("BatchNormalization", 15);
    t.Input(RandomFloat(x, 14))
        .ConstInput(RandomFloat({c}, 15, 0.5f, 2.0f))
        .ConstInput(RandomFloat({c}, 16))
        .Input(RandomFloat({c}, 17))
        .Input(RandomFloat({c}, 18, 0.1f, 1.0f))
        .Attr("epsilon", Attribute::Float(1e-3f));
    OpRun r = t.RunAndCompareAll();
    ASSERT_TRUE(r.status.ok()) << r.status.message();
  }
}

}  // namespace openacl::testing

namespace openacl::testing {

TEST(FastResize, NearestIntegerUpsample) {
  for (auto s : {std::vector<float>{1, 1, 2, 2}, std::vector<float>{1, 1, 4, 8},
                 std::vector<float>{1, 1, 1, 3}}) {
    OpTest t("Resize", 13);
    t.Input(RandomFloat({2, 3, 20, 30}, 19))
        .ConstInput(MakeFloat({0}, {}))
        .ConstInput(MakeFloat({4}, s))
        .Attr("mode", Attribute::String("nearest"))
        .Attr("coordinate_transformation_mode", Attribute::String("asymmetric"))
        .Attr("nearest_mode", Attribute::String("floor"));
    OpRun r = t.RunAndCompareAll();
    ASSERT_TRUE(r.status.ok()) << r.status.message();
  }
}

}  // namespace openacl::testing
