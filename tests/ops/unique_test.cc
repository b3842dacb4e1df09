// Unique: the ONNX examples (sorted/unsorted, with/without axis, all 4 outputs), integer slices
// in both orders, NaNs, an empty input, Y only, and shape inference with a runtime input.
#include <limits>

#include "op_test_util.h"
#include "value_shape_test_util.h"

namespace openacl::testing {
namespace {

struct UniqueExpect {
  Tensor y;
  std::vector<int64_t> indices, inverse, counts;
};

void CheckUnique(Tensor x, std::optional<int64_t> axis, std::optional<int64_t> sorted,
                 const UniqueExpect& e) {
  OpTest t("Unique", 11);
  if (axis) t.Attr("axis", Attribute::Int(*axis));
  if (sorted) t.Attr("sorted", Attribute::Int(*sorted));
  t.ConstInput(std::move(x)).Outputs(4);
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ASSERT_EQ(r.outputs.size(), 4u);
  int64_t u = static_cast<int64_t>(e.indices.size());
  ExpectTensorNear(r.outputs[0], e.y, 0, 0, "Y");
  ExpectTensorNear(r.outputs[1], MakeInt64({u}, e.indices), 0, 0, "indices");
  ExpectTensorNear(r.outputs[2], MakeInt64({static_cast<int64_t>(e.inverse.size())}, e.inverse), 0,
                   0, "inverse_indices");
  ExpectTensorNear(r.outputs[3], MakeInt64({u}, e.counts), 0, 0, "counts");
}

Tensor Flat() { return MakeFloat({6}, {2, 1, 1, 3, 4, 3}); }

TEST(UniqueOp, OnnxSortedWithoutAxis) {
  CheckUnique(Flat(), std::nullopt, std::nullopt,
              {MakeFloat({4}, {1, 2, 3, 4}), {1, 0, 3, 4}, {1, 0, 0, 2, 3, 2}, {2, 1, 2, 1}});
}

TEST(UniqueOp, OnnxNotSortedWithoutAxis) {
  CheckUnique(Flat(), std::nullopt, 0,
              {MakeFloat({4}, {2, 1, 3, 4}), {0, 1, 3, 4}, {0, 1, 1, 2, 3, 2}, {1, 2, 2, 1}});
}

TEST(UniqueOp, OnnxSortedWithAxis) {
  CheckUnique(MakeFloat({3, 3}, {1, 0, 0, 1, 0, 0, 2, 3, 4}), 0, 1,
              {MakeFloat({2, 3}, {1, 0, 0, 2, 3, 4}), {0, 2}, {0, 0, 1}, {2, 1}});
}

TEST(UniqueOp, OnnxSortedWithAxis3d) {
  CheckUnique(MakeFloat({2, 4, 2}, {1, 1, 0, 1, 2, 1, 0, 1, 1, 1, 0, 1, 2, 1, 0, 1}), 1, 1,
              {MakeFloat({2, 3, 2}, {0, 1, 1, 1, 2, 1, 0, 1, 1, 1, 2, 1}),
               {1, 0, 2},
               {1, 0, 2, 0},
               {2, 1, 1}});
}

TEST(UniqueOp, OnnxSortedWithNegativeAxis) {
  CheckUnique(MakeFloat({3, 3}, {1, 0, 0, 1, 0, 0, 2, 3, 3}), -1, 1,
              {MakeFloat({3, 2}, {0, 1, 0, 1, 3, 2}), {1, 0}, {1, 0, 0}, {2, 1}});
}

TEST(UniqueOp, IntRowsSortedAndUnsorted) {
  Tensor rows = MakeInt32({4, 2}, {2, 1, 1, 3, 2, 1, 0, 0});
  CheckUnique(rows, 0, 0,
              {MakeInt32({3, 2}, {2, 1, 1, 3, 0, 0}), {0, 1, 3}, {0, 1, 0, 2}, {2, 1, 1}});
  CheckUnique(rows, 0, 1,
              {MakeInt32({3, 2}, {0, 0, 1, 3, 2, 1}), {3, 1, 0}, {2, 1, 2, 0}, {1, 1, 2}});
}

TEST(UniqueOp, NansCollapseAndSortLast) {
  float nan = std::numeric_limits<float>::quiet_NaN();
  CheckUnique(MakeFloat({4}, {nan, 1, nan, -1}), std::nullopt, 1,
              {MakeFloat({3}, {-1, 1, nan}), {3, 1, 0}, {2, 1, 2, 0}, {1, 1, 2}});
}

TEST(UniqueOp, EmptyInput) {
  CheckUnique(MakeFloat({0}, {}), std::nullopt, 1, {MakeFloat({0}, {}), {}, {}, {}});
}

TEST(UniqueOp, OnlyY) {
  OpTest t("Unique", 11);
  t.ConstInput(MakeInt64({5}, {5, 5, -2, 7, -2}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeInt64({3}, {-2, 5, 7}));
}

TEST(UniqueOp, RuntimeInputGivesUnknownCount) {
  InferResult r = InferOnly("Unique", 11, {Runtime(Flat())}, AttrMap(), 4);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.shapes[0], (Shape{-1}));
  EXPECT_EQ(r.shapes[1], (Shape{-1}));
  EXPECT_EQ(r.shapes[2], (Shape{6}));  // inverse_indices: one per input element
  EXPECT_EQ(r.shapes[3], (Shape{-1}));
  EXPECT_EQ(r.dtypes[0], DType::kFloat32);
  EXPECT_EQ(r.dtypes[3], DType::kInt64);
  AttrMap axis1;
  axis1.set("axis", Attribute::Int(1));
  r = InferOnly("Unique", 11, {Runtime(MakeFloat({2, 4, 2}, std::vector<float>(16)))}, axis1, 4);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.shapes[0], (Shape{2, -1, 2}));
  EXPECT_EQ(r.shapes[2], (Shape{4}));
  r = InferOnly("Unique", 11, {Const(MakeFloat({2, 4, 2}, std::vector<float>(16)))}, axis1, 4);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.shapes[0], (Shape{2, 1, 2}));
  EXPECT_EQ(r.shapes[1], (Shape{1}));
}

}  // namespace
}  // namespace openacl::testing
