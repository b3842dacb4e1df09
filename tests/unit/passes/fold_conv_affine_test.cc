// FoldConvAffine: Conv -> Mul/Add/Sub/Div by a per-channel or scalar constant folds into the
// weights and bias; the graph output is unchanged (reference kernels) and the patterns that
// are not per-channel affine on the conv output are left alone.
#include <gtest/gtest.h>

#include "passes/pass_manager.h"
#include "unit/passes/graph_test_util.h"

namespace openacl {
namespace {

using testing_util::AddFilledConstant;
using testing_util::AddInput;
using testing_util::AddRandomConstant;
using testing_util::CountOps;
using testing_util::OnlyNode;
using testing_util::PassMaxDiff;
using testing_util::RandomTensor;

// x[1,4,5,5] -> Conv(W[6, 4/group, 3, 3], B?) -> conv_out
Value* AddConv(Graph& g, bool bias, int64_t group) {
  g.opset = 17;
  Value* x = AddInput(g, "x", {1, 4, 5, 5});
  std::vector<Value*> in = {x, AddRandomConstant(g, "W", {6, 4 / group, 3, 3}, 1)};
  if (bias) in.push_back(AddRandomConstant(g, "B", {6}, 2));
  Value* out = g.AddValue("conv_out");
  Node* conv = g.AddNode("Conv", in, {out}, "conv");
  conv->attrs.set("pads", Attribute::Ints({1, 1, 1, 1}));
  conv->attrs.set("group", Attribute::Int(group));
  return out;
}

Value* Step(Graph& g, const std::string& op, Value* a, Value* b, const std::string& name) {
  Value* y = g.AddValue(name);
  g.AddNode(op, {a, b}, {y}, name + "_node");
  return y;
}

std::map<std::string, Tensor> Feeds() { return {{"x", RandomTensor({1, 4, 5, 5}, 7)}}; }

TEST(FoldConvAffine, MulThenAddFoldIntoConv) {
  for (bool bias : {true, false}) {
    Graph g;
    Value* c = AddConv(g, bias, 1);
    Value* m = Step(g, "Mul", AddFilledConstant(g, "s", 1.5f, {1}), c, "m");
    Value* y = Step(g, "Add", m, AddRandomConstant(g, "shift", {6, 1, 1}, 3), "y");
    g.outputs.push_back(y);
    auto diff = PassMaxDiff(g, Feeds(), FoldConvAffine);
    ASSERT_TRUE(diff.ok()) << diff.status().message();
    EXPECT_LT(*diff, 1e-5);
    EXPECT_EQ(g.nodes().size(), 1u);
    Node* conv = OnlyNode(g, "Conv");
    ASSERT_NE(conv, nullptr);
    EXPECT_EQ(conv->output(0), y);
    ASSERT_NE(conv->input(2), nullptr);
    EXPECT_TRUE(conv->input(2)->is_constant());
  }
}

TEST(FoldConvAffine, SubAndDivPerChannelGrouped) {
  Graph g;
  Value* c = AddConv(g, true, 2);
  Value* s = Step(g, "Sub", c, AddRandomConstant(g, "k", {1, 6, 1, 1}, 4), "s");
  Value* y = Step(g, "Div", s, AddRandomConstant(g, "d", {6, 1, 1}, 5, 0.5f, 2.0f), "y");
  g.outputs.push_back(y);
  auto diff = PassMaxDiff(g, Feeds(), FoldConvAffine);
  ASSERT_TRUE(diff.ok()) << diff.status().message();
  EXPECT_LT(*diff, 1e-5);
  EXPECT_EQ(g.nodes().size(), 1u);
}

TEST(FoldConvAffine, ConvTransposeBiasAndScale) {
  // W [C=4, M=6, 2, 2]: channel m's weights are W[:, m].
  Graph g;
  g.opset = 17;
  Value* x = AddInput(g, "x", {1, 4, 3, 3});
  Value* d = g.AddValue("deconv_out");
  Node* n = g.AddNode("ConvTranspose", {x, AddRandomConstant(g, "W", {4, 6, 2, 2}, 1)}, {d}, "dc");
  n->attrs.set("strides", Attribute::Ints({2, 2}));
  Value* a = Step(g, "Add", d, AddRandomConstant(g, "bias", {1, 6, 1, 1}, 2), "a");
  Value* y = Step(g, "Mul", a, AddRandomConstant(g, "scale", {6, 1, 1}, 3), "y");
  g.outputs.push_back(y);
  auto diff = PassMaxDiff(g, {{"x", RandomTensor({1, 4, 3, 3}, 7)}}, FoldConvAffine);
  ASSERT_TRUE(diff.ok()) << diff.status().message();
  EXPECT_LT(*diff, 1e-5);
  EXPECT_EQ(g.nodes().size(), 1u);
  EXPECT_EQ(y->producer, n);
}

TEST(FoldConvAffine, LeavesNonAffinePatterns) {
  struct Case {
    const char* what;
    std::function<Value*(Graph&, Value*)> build;
  };
  std::vector<Case> cases = {
      {"varies along H",
       [](Graph& g, Value* c) {
         return Step(g, "Mul", c, AddRandomConstant(g, "k", {1, 1, 5, 1}, 4), "y");
       }},
      {"constant first in Sub",
       [](Graph& g, Value* c) { return Step(g, "Sub", AddFilledConstant(g, "k", 1.0f), c, "y"); }},
      {"divisor is the conv",
       [](Graph& g, Value* c) { return Step(g, "Div", AddFilledConstant(g, "k", 2.0f), c, "y"); }},
      {"broadcast grows the output",
       [](Graph& g, Value* c) {
         return Step(g, "Add", c, AddRandomConstant(g, "k", {2, 6, 1, 1}, 4), "y");
       }},
      {"runtime operand",
       [](Graph& g, Value* c) {
         return Step(g, "Mul", c, AddInput(g, "z", {1, 6, 1, 1}), "y");
       }},
      {"conv output also a graph output",
       [](Graph& g, Value* c) {
         g.outputs.push_back(c);
         return Step(g, "Mul", c, AddFilledConstant(g, "k", 2.0f), "y");
       }},
  };
  for (const Case& k : cases) {
    Graph g;
    Value* c = AddConv(g, true, 1);
    g.outputs.push_back(k.build(g, c));
    std::map<std::string, Tensor> feeds = Feeds();
    if (g.FindValue("z")) feeds["z"] = RandomTensor({1, 6, 1, 1}, 9);
    size_t before = g.nodes().size();
    auto diff = PassMaxDiff(g, feeds, FoldConvAffine);
    ASSERT_TRUE(diff.ok()) << k.what << ": " << diff.status().message();
    EXPECT_EQ(*diff, 0.0) << k.what;
    EXPECT_EQ(g.nodes().size(), before) << k.what;
    EXPECT_EQ(CountOps(g, "Conv"), 1) << k.what;
  }
}

}  // namespace
}  // namespace openacl
