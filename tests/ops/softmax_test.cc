// Softmax, LogSoftmax, Hardmax: axis semantics before and after opset 13.
#include <cmath>

#include "op_test_util.h"

namespace openacl::testing {
namespace {

TEST(Softmax, LastAxisOpset13) {
  OpTest t("Softmax", 13);
  t.Input(MakeFloat({2, 2}, {0, 0, 0, std::log(3.f)}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 2}, {0.5f, 0.5f, 0.25f, 0.75f}));
}

TEST(Softmax, AxisSemanticsChangeAtOpset13) {
  // x has shape [1, 2, 2]; axis=1.
  Tensor x = MakeFloat({1, 2, 2}, {0, 0, 0, std::log(3.f)});
  OpTest old_t("Softmax", 11);  // coerced to 2D [1, 4]: one softmax over all 4 values
  old_t.Input(x).Attr("axis", Attribute::Int(1));
  OpRun r = old_t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({1, 2, 2}, {1 / 6.f, 1 / 6.f, 1 / 6.f, 3 / 6.f}));
  OpTest new_t("Softmax", 13);  // along dim 1 only: columns
  new_t.Input(x).Attr("axis", Attribute::Int(1));
  r = new_t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({1, 2, 2}, {0.5f, 0.25f, 0.5f, 0.75f}));
}

TEST(Softmax, LogSoftmaxIsStableForLargeInputs) {
  OpTest t("LogSoftmax", 13);
  t.Input(MakeFloat({2}, {1000, 1000}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2}, {-std::log(2.f), -std::log(2.f)}));
}

TEST(Softmax, HardmaxPicksFirstMaximum) {
  OpTest t("Hardmax", 13);
  t.Input(MakeFloat({2, 3}, {1, 3, 3, -1, -2, -3}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 3}, {0, 1, 0, 1, 0, 0}));
}

TEST(Softmax, Misuse) {
  OpTest bad("Softmax", 13);
  bad.Input(MakeFloat({2, 2}, {0, 0, 0, 0})).Attr("axis", Attribute::Int(2));
  EXPECT_EQ(bad.RunReference().status.code(), StatusCode::kShapeInvalid);
  OpTest ints("Softmax", 13);
  ints.Input(MakeInt32({2}, {1, 2}));
  EXPECT_EQ(ints.RunReference().status.code(), StatusCode::kUnsupportedDataType);
}

}  // namespace
}  // namespace openacl::testing
