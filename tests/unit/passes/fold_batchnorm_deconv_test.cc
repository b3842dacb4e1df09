// FoldBatchNormIntoConv on a group-1 ConvTranspose (W [C, M, k, k]: channel m is W[:, m]); the
// output is unchanged, and a grouped ConvTranspose is left alone.
#include <gtest/gtest.h>

#include "passes/pass_manager.h"
#include "unit/passes/graph_test_util.h"

namespace openacl {
namespace {

using testing_util::AddInput;
using testing_util::AddRandomConstant;
using testing_util::CountOps;
using testing_util::PassMaxDiff;
using testing_util::RandomTensor;

void Build(Graph& g, int64_t group, bool bias) {
  g.opset = 17;
  Value* x = AddInput(g, "x", {1, 4, 3, 3});
  std::vector<Value*> in = {x, AddRandomConstant(g, "W", {4, 6 / group, 2, 2}, 1)};
  if (bias) in.push_back(AddRandomConstant(g, "B", {6}, 2));
  Value* d = g.AddValue("deconv_out");
  Node* n = g.AddNode("ConvTranspose", in, {d}, "deconv");
  n->attrs.set("strides", Attribute::Ints({2, 2}));
  n->attrs.set("group", Attribute::Int(group));
  Value* y = g.AddValue("y");
  g.AddNode(
      "BatchNormalization",
      {d, AddRandomConstant(g, "gamma", {6}, 3, 0.5f, 1.5f), AddRandomConstant(g, "beta", {6}, 4),
       AddRandomConstant(g, "mean", {6}, 5), AddRandomConstant(g, "var", {6}, 6, 0.1f, 2.0f)},
      {y}, "bn");
  g.outputs.push_back(y);
}

TEST(FoldBatchNormDeconv, FoldsIntoGroupOneConvTranspose) {
  for (bool bias : {true, false}) {
    Graph g;
    Build(g, 1, bias);
    auto diff = PassMaxDiff(g, {{"x", RandomTensor({1, 4, 3, 3}, 7)}}, FoldBatchNormIntoConv);
    ASSERT_TRUE(diff.ok()) << diff.status().message();
    EXPECT_LT(*diff, 1e-5);
    EXPECT_EQ(CountOps(g, "BatchNormalization"), 0);
    EXPECT_EQ(g.FindValue("y")->producer->op_type, "ConvTranspose");
  }
}

TEST(FoldBatchNormDeconv, LeavesGroupedConvTranspose) {
  Graph g;
  Build(g, 2, true);
  auto diff = PassMaxDiff(g, {{"x", RandomTensor({1, 4, 3, 3}, 7)}}, FoldBatchNormIntoConv);
  ASSERT_TRUE(diff.ok()) << diff.status().message();
  EXPECT_EQ(*diff, 0.0);
  EXPECT_EQ(CountOps(g, "BatchNormalization"), 1);
}

}  // namespace
}  // namespace openacl
