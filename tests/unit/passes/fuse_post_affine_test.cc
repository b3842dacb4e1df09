// FusePostAffine: scalar Mul/Add/Sub/Div after a node with a fused activation become its
// fused_post_scale / fused_post_shift; outputs unchanged (reference kernels honour the contract);
// nodes without an activation and non-scalar or reversed operands are left alone.
#include <gtest/gtest.h>

#include "passes/pass_manager.h"
#include "unit/passes/graph_test_util.h"

namespace openacl {
namespace {

using testing_util::AddFilledConstant;
using testing_util::AddInput;
using testing_util::Op;
using testing_util::AddRandomConstant;
using testing_util::OnlyNode;
using testing_util::PassMaxDiff;
using testing_util::RandomTensor;

Status ActivationThenPostAffine(Graph& g) {
  RETURN_IF_ERROR(FuseActivation(g));
  return FusePostAffine(g);
}

// x[1,3,6,6] -> Conv(W[4,3,3,3], B, pads 1) -> act (if not empty) -> conv/act output
Value* ConvAct(Graph& g, const std::string& act) {
  g.opset = 17;
  Value* x = AddInput(g, "x", {1, 3, 6, 6});
  Value* c = g.AddValue("conv_out");
  Node* conv = g.AddNode(
      "Conv", {x, AddRandomConstant(g, "W", {4, 3, 3, 3}, 1), AddRandomConstant(g, "B", {4}, 2)},
      {c}, "conv");
  conv->attrs.set("pads", Attribute::Ints({1, 1, 1, 1}));
  return act.empty() ? c : Op(g, act, {c}, "act_out");
}

std::map<std::string, Tensor> Feeds() {
  return {{"x", RandomTensor({1, 3, 6, 6}, 4, -3.0f, 3.0f)}};
}

TEST(FusePostAffine, ChainOfScalarStepsAfterHardSwish) {
  Graph g;
  Value* a = ConvAct(g, "HardSwish");
  Value* m = Op(g, "Mul", {AddFilledConstant(g, "s", 0.75f, {1}), a}, "m");
  Value* p = Op(g, "Add", {m, AddFilledConstant(g, "t", -0.25f)}, "p");
  Value* d = Op(g, "Div", {p, AddFilledConstant(g, "d", 2.0f)}, "d");
  Value* y = Op(g, "Sub", {d, AddFilledConstant(g, "u", 0.5f)}, "y");
  g.outputs.push_back(y);
  auto diff = PassMaxDiff(g, Feeds(), ActivationThenPostAffine);
  ASSERT_TRUE(diff.ok()) << diff.status().message();
  EXPECT_LT(*diff, 1e-5);
  ASSERT_EQ(g.nodes().size(), 1u);
  Node* conv = OnlyNode(g, "Conv");
  ASSERT_NE(conv, nullptr);
  EXPECT_EQ(conv->output(0), y);
  EXPECT_EQ(conv->attrs.get_string("fused_activation"), "HardSwish");
  // ((0.75 h - 0.25) / 2) - 0.5 = 0.375 h - 0.625
  EXPECT_FLOAT_EQ(conv->attrs.get_float("fused_post_scale", 0), 0.375f);
  EXPECT_FLOAT_EQ(conv->attrs.get_float("fused_post_shift", 0), -0.625f);
}

TEST(FusePostAffine, MatMulWithRelu) {
  Graph g;
  g.opset = 17;
  Value* x = AddInput(g, "x", {5, 8});
  Value* mm = Op(g, "MatMul", {x, AddRandomConstant(g, "W", {8, 3}, 1)}, "mm");
  Value* r = Op(g, "Relu", {mm}, "r");
  g.outputs.push_back(Op(g, "Mul", {r, AddFilledConstant(g, "s", -2.0f)}, "y"));
  auto diff = PassMaxDiff(g, {{"x", RandomTensor({5, 8}, 3)}}, ActivationThenPostAffine);
  ASSERT_TRUE(diff.ok()) << diff.status().message();
  EXPECT_LT(*diff, 1e-5);
  EXPECT_EQ(g.nodes().size(), 1u);
}

TEST(FusePostAffine, LeavesOtherPatterns) {
  struct Case {
    const char* what;
    std::string act;
    std::function<Value*(Graph&, Value*)> step;
    // FuseActivation alone may change the result by rounding: 1/sigmoid(x) reaches ~1e6 here.
    double tol = 0.0;
  };
  std::vector<Case> cases = {
      {"no activation", "",
       [](Graph& g, Value* a) {
         return Op(g, "Mul", {a, AddFilledConstant(g, "s", 2)}, "y");
       }},
      {"per-channel operand", "Relu",
       [](Graph& g, Value* a) {
         return Op(g, "Mul", {a, AddRandomConstant(g, "s", {4, 1, 1}, 5)}, "y");
       }},
      {"constant first in Sub", "Relu",
       [](Graph& g, Value* a) {
         return Op(g, "Sub", {AddFilledConstant(g, "s", 1), a}, "y");
       }},
      {"divisor is the conv", "Sigmoid",
       [](Graph& g, Value* a) {
         return Op(g, "Div", {AddFilledConstant(g, "s", 1), a}, "y");
       },
       1.0},
  };
  for (const Case& k : cases) {
    Graph g;
    Value* a = ConvAct(g, k.act);
    g.outputs.push_back(k.step(g, a));
    auto diff = PassMaxDiff(g, Feeds(), ActivationThenPostAffine);
    ASSERT_TRUE(diff.ok()) << k.what << ": " << diff.status().message();
    EXPECT_LE(*diff, k.tol) << k.what;
    EXPECT_EQ(g.nodes().size(), 2u) << k.what;
    Node* conv = OnlyNode(g, "Conv");
    ASSERT_NE(conv, nullptr);
    EXPECT_FALSE(conv->attrs.has("fused_post_scale")) << k.what;
  }
}

}  // namespace
}  // namespace openacl
