// FuseResidualAdd: Conv -> Add(other) becomes Conv with fused_sum=1 and `other` at input 3
// (bias slot kept, nullptr when omitted); Conv -> Add -> Relu becomes one node via the pipeline.
#include <gtest/gtest.h>

#include "passes/infer_and_fold.h"
#include "passes/pass_manager.h"
#include "unit/passes/graph_test_util.h"

namespace openacl {
namespace {

using testing_util::AddInput;
using testing_util::AddRandomConstant;
using testing_util::CountOps;
using testing_util::MaxAbsDiff;
using testing_util::OnlyNode;
using testing_util::RandomTensor;
using testing_util::RunReference;

struct Residual {
  Graph g;
  Value* x = nullptr;
  Value* other = nullptr;
  Value* conv_out = nullptr;
  Value* sum = nullptr;
  Node* conv = nullptr;
};

// x[1,2,4,4] -> Conv(W[2,2,3,3], B?) ; other = Neg(x) ; sum = Add(conv, other) (or swapped)
void Build(Residual& m, bool with_bias, bool conv_on_left, bool other_produced_late = false) {
  Graph& g = m.g;
  g.opset = 17;
  m.x = AddInput(g, "x", {1, 2, 4, 4});
  m.other = g.AddValue("other");
  if (!other_produced_late) g.AddNode("Neg", {m.x}, {m.other}, "neg");
  std::vector<Value*> ins = {m.x, AddRandomConstant(g, "W", {2, 2, 3, 3}, 1)};
  if (with_bias) ins.push_back(AddRandomConstant(g, "B", {2}, 2));
  m.conv_out = g.AddValue("conv_out");
  m.conv = g.AddNode("Conv", ins, {m.conv_out}, "conv");
  m.conv->attrs.set("pads", Attribute::Ints({1, 1, 1, 1}));
  m.sum = g.AddValue("sum");
  if (conv_on_left)
    g.AddNode("Add", {m.conv_out, m.other}, {m.sum}, "add");
  else
    g.AddNode("Add", {m.other, m.conv_out}, {m.sum}, "add");
  if (other_produced_late) g.AddNode("Neg", {m.x}, {m.other}, "neg");
}

std::map<std::string, Tensor> Feeds() { return {{"x", RandomTensor({1, 2, 4, 4}, 3)}}; }

void CheckFused(bool with_bias, bool conv_on_left, bool other_late) {
  Residual m;
  Build(m, with_bias, conv_on_left, other_late);
  m.g.outputs.push_back(m.sum);
  ASSERT_TRUE(InferAndFold(m.g).ok());
  auto before = RunReference(m.g, Feeds());
  ASSERT_TRUE(before.ok()) << before.status().message();
  ASSERT_TRUE(FuseResidualAdd(m.g).ok());
  EXPECT_EQ(CountOps(m.g, "Add"), 0);
  EXPECT_EQ(m.conv->attrs.get_int("fused_sum"), 1);
  ASSERT_EQ(m.conv->inputs.size(), 4u);
  if (with_bias)
    EXPECT_NE(m.conv->inputs[2], nullptr);
  else
    EXPECT_EQ(m.conv->inputs[2], nullptr) << "omitted bias keeps its empty slot";
  EXPECT_EQ(m.conv->inputs[3], m.other);
  EXPECT_EQ(m.conv->output(0), m.sum);
  EXPECT_EQ(m.sum->producer, m.conv);
  // The residual's producer runs before the Conv.
  ASSERT_EQ(m.g.nodes().size(), 2u);
  EXPECT_EQ(m.g.nodes()[0]->name, "neg");
  auto after = RunReference(m.g, Feeds());
  ASSERT_TRUE(after.ok()) << after.status().message();
  EXPECT_LT(MaxAbsDiff((*before)[0], (*after)[0]), 1e-5);
}

TEST(FuseResidualAdd, NoBiasConvOnLeft) { CheckFused(false, true, false); }
TEST(FuseResidualAdd, BiasConvOnRight) { CheckFused(true, false, false); }
TEST(FuseResidualAdd, ResidualProducedAfterConvIsReordered) { CheckFused(false, true, true); }

TEST(FuseResidualAdd, ConstantOrBroadcastSummandIsNotFused) {
  for (int variant = 0; variant < 2; ++variant) {
    Graph g;
    g.opset = 17;
    Value* x = AddInput(g, "x", {1, 2, 4, 4});
    Value* conv_out = g.AddValue("conv_out");
    Node* conv = g.AddNode("Conv", {x, AddRandomConstant(g, "W", {2, 2, 3, 3}, 1)}, {conv_out});
    conv->attrs.set("pads", Attribute::Ints({1, 1, 1, 1}));
    Value* other = variant == 0 ? AddRandomConstant(g, "c", {1, 2, 4, 4}, 2)
                                : AddInput(g, "bcast", {1, 2, 1, 1});
    Value* y = g.AddValue("y");
    g.AddNode("Add", {conv_out, other}, {y});
    g.outputs.push_back(y);
    ASSERT_TRUE(InferAndFold(g).ok());
    ASSERT_TRUE(FuseResidualAdd(g).ok());
    EXPECT_EQ(CountOps(g, "Add"), 1) << "variant " << variant;
    EXPECT_FALSE(conv->attrs.has("fused_sum"));
  }
}

TEST(FuseResidualAdd, NotFusedWhenConvOutputIsUsedTwice) {
  Residual m;
  Build(m, true, true);
  Value* side = m.g.AddValue("side");
  m.g.AddNode("Relu", {m.conv_out}, {side});
  m.g.outputs = {m.sum, side};
  ASSERT_TRUE(InferAndFold(m.g).ok());
  ASSERT_TRUE(FuseResidualAdd(m.g).ok());
  EXPECT_EQ(CountOps(m.g, "Add"), 1);
  EXPECT_FALSE(m.conv->attrs.has("fused_sum"));
}

TEST(FuseResidualAdd, PipelineFusesConvBnAddRelu) {
  Residual m;
  Build(m, true, true);
  // Insert BN between Conv and Add, and a Relu after the Add.
  Graph& g = m.g;
  Value* bn_out = g.AddValue("bn_out");
  Node* add = OnlyNode(g, "Add");
  ASSERT_NE(add, nullptr);
  add->inputs[0] = bn_out;
  g.AddNode("BatchNormalization",
            {m.conv_out, AddRandomConstant(g, "gamma", {2}, 5, 0.5f, 1.5f),
             AddRandomConstant(g, "beta", {2}, 6), AddRandomConstant(g, "mean", {2}, 7),
             AddRandomConstant(g, "var", {2}, 8, 0.5f, 1.5f)},
            {bn_out}, "bn");
  Value* y = g.AddValue("y");
  g.AddNode("Relu", {m.sum}, {y}, "relu");
  Value* id = g.AddValue("id");
  g.AddNode("Identity", {y}, {id});
  Value* z = g.AddValue("z");
  g.AddNode("Neg", {id}, {z}, "tail");
  g.outputs.push_back(z);
  ASSERT_TRUE(InferAndFold(g).ok());
  auto before = RunReference(g, Feeds());
  ASSERT_TRUE(before.ok()) << before.status().message();
  Status st = RunOptimizationPasses(g);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(g.nodes().size(), 3u) << "neg, fused conv, tail";
  Node* conv = OnlyNode(g, "Conv");
  ASSERT_NE(conv, nullptr);
  EXPECT_EQ(conv->attrs.get_int("fused_sum"), 1);
  EXPECT_EQ(conv->attrs.get_string("fused_activation"), "Relu");
  ASSERT_EQ(conv->inputs.size(), 4u);
  EXPECT_EQ(conv->inputs[3], m.other);
  EXPECT_EQ(conv->output(0), y);
  auto after = RunReference(g, Feeds());
  ASSERT_TRUE(after.ok()) << after.status().message();
  EXPECT_LT(MaxAbsDiff((*before)[0], (*after)[0]), 1e-4);
}

}  // namespace
}  // namespace openacl
