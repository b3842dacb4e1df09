// TransposeToReshape: a Transpose that only moves size-1 dims becomes a Reshape with the same
// output; real transposes stay.
#include <gtest/gtest.h>

#include "passes/pass_manager.h"
#include "unit/passes/graph_test_util.h"

namespace openacl {
namespace {

using testing_util::AddInput;
using testing_util::CountOps;
using testing_util::PassMaxDiff;
using testing_util::RandomTensor;

// x -> Transpose(perm) -> y
int ReshapesAfterPass(const Shape& shape, const std::vector<int64_t>& perm) {
  Graph g;
  g.opset = 13;
  AddInput(g, "x", shape);
  Value* y = g.AddValue("y");
  Node* t = g.AddNode("Transpose", {g.FindValue("x")}, {y}, "t");
  if (!perm.empty()) t->attrs.set("perm", Attribute::Ints(perm));
  g.outputs.push_back(y);
  auto diff = PassMaxDiff(g, {{"x", RandomTensor(shape, 3)}}, TransposeToReshape);
  EXPECT_TRUE(diff.ok()) << diff.status().message();
  if (diff.ok()) {
    EXPECT_EQ(*diff, 0.0);
  }
  EXPECT_EQ(g.nodes().size(), 1u);
  EXPECT_EQ(y->producer->output(0), y);
  return CountOps(g, "Reshape");
}

TEST(TransposeToReshape, UnitDimMovesBecomeReshape) {
  EXPECT_EQ(ReshapesAfterPass({1, 6, 5}, {1, 0, 2}), 1);
  EXPECT_EQ(ReshapesAfterPass({6, 1, 5}, {1, 0, 2}), 1);
  EXPECT_EQ(ReshapesAfterPass({2, 1, 3, 1}, {1, 0, 3, 2}), 1);
  EXPECT_EQ(ReshapesAfterPass({1, 7}, {}), 1);  // default perm reverses
}

TEST(TransposeToReshape, RealTransposesStay) {
  EXPECT_EQ(ReshapesAfterPass({6, 2, 5}, {1, 0, 2}), 0);
  EXPECT_EQ(ReshapesAfterPass({1, 6, 5}, {0, 2, 1}), 0);
  EXPECT_EQ(ReshapesAfterPass({3, 4}, {}), 0);
}

}  // namespace
}  // namespace openacl
