// NonZero: spec example, floats with NaN / -0.0, no non-zero element, scalars, and shape
// inference with a runtime (non-constant) input.
#include <cmath>
#include <limits>

#include "op_test_util.h"
#include "value_shape_test_util.h"

namespace openacl::testing {
namespace {

TEST(NonZeroOp, SpecExample) {
  OpTest t("NonZero", 13);
  t.ConstInput(MakeTyped(DType::kBool, {2, 2}, {1, 0, 1, 1}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeInt64({2, 3}, {0, 1, 1, 0, 0, 1}));
}

TEST(NonZeroOp, FloatNanIsNonZeroNegativeZeroIsZero) {
  float nan = std::numeric_limits<float>::quiet_NaN();
  OpTest t("NonZero", 13);
  t.ConstInput(MakeFloat({2, 1, 3}, {0.0f, 1.5f, -0.0f, nan, 0.0f, -2.0f}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  // Flat indices 1, 3, 5 -> (0,0,1), (1,0,0), (1,0,2), one coordinate per row.
  ExpectTensorNear(r.outputs[0], MakeInt64({3, 3}, {0, 1, 1, 0, 0, 0, 1, 0, 2}));
}

TEST(NonZeroOp, NoNonZeroGivesEmptySecondDim) {
  OpTest t("NonZero", 13);
  t.ConstInput(MakeInt32({2, 3}, {0, 0, 0, 0, 0, 0}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.outputs[0].shape(), (Shape{2, 0}));
  EXPECT_EQ(r.outputs[0].dtype(), DType::kInt64);
}

TEST(NonZeroOp, ScalarIsOneDimensional) {
  OpTest one("NonZero", 9);
  one.ConstInput(MakeInt64({}, {5}));
  OpRun r = one.RunReference();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeInt64({1, 1}, {0}));
  OpTest zero("NonZero", 9);
  zero.ConstInput(MakeInt64({}, {0}));
  r = zero.RunReference();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.outputs[0].shape(), (Shape{1, 0}));
}

TEST(NonZeroOp, IntegerTypesAndLargeValues) {
  OpTest t("NonZero", 13);
  t.ConstInput(MakeInt64({4}, {0, int64_t{1} << 62, 0, -1}));
  OpRun r = t.RunReference();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeInt64({1, 2}, {1, 3}));
}

TEST(NonZeroOp, RuntimeInputGivesUnknownCount) {
  AttrMap attrs;
  InferResult runtime =
      InferOnly("NonZero", 13, {Runtime(MakeFloat({2, 3}, {1, 0, 1, 0, 1, 0}))}, attrs, 1);
  ASSERT_TRUE(runtime.status.ok()) << runtime.status.message();
  EXPECT_EQ(runtime.shapes[0], (Shape{2, -1}));
  EXPECT_EQ(runtime.dtypes[0], DType::kInt64);
  InferResult constant =
      InferOnly("NonZero", 13, {Const(MakeFloat({2, 3}, {1, 0, 1, 0, 1, 0}))}, attrs, 1);
  ASSERT_TRUE(constant.status.ok()) << constant.status.message();
  EXPECT_EQ(constant.shapes[0], (Shape{2, 3}));
}

}  // namespace
}  // namespace openacl::testing
