// FuseHardSwish: x * Clip(x + 3, 0, 6) / 6 (and the * 1/6 and HardSigmoid forms) become one
// HardSwish node with the same output; near-misses are left alone; and after FuseActivation a
// Conv absorbs the recognized HardSwish.
#include <gtest/gtest.h>

#include "passes/pass_manager.h"
#include "unit/passes/graph_test_util.h"

namespace openacl {
namespace {

using testing_util::AddFilledConstant;
using testing_util::AddInput;
using testing_util::Op;
using testing_util::AddRandomConstant;
using testing_util::CountOps;
using testing_util::OnlyNode;
using testing_util::PassMaxDiff;
using testing_util::RandomTensor;

struct Opts {
  float three = 3, lo = 0, hi = 6, six = 6;
  bool mul_by_inverse = false;
  bool swap = false;  // constant first in the Add, clip first in the Mul
  bool clip_is_output = false;
};

// x -> decomposed hardswish -> y. x is a graph input [2,3,4,4] in [-5, 5).
Value* BuildDecomposed(Graph& g, const Opts& o) {
  g.opset = 13;
  Value* x = AddInput(g, "x", {2, 3, 4, 4});
  Value* three = AddFilledConstant(g, "three", o.three);
  Value* a = o.swap ? Op(g, "Add", {three, x}, "a") : Op(g, "Add", {x, three}, "a");
  Value* c =
      Op(g, "Clip", {a, AddFilledConstant(g, "lo", o.lo), AddFilledConstant(g, "hi", o.hi)}, "c");
  if (o.clip_is_output) g.outputs.push_back(c);
  Value* m = o.swap ? Op(g, "Mul", {c, x}, "m") : Op(g, "Mul", {x, c}, "m");
  Value* y = o.mul_by_inverse ? Op(g, "Mul", {m, AddFilledConstant(g, "inv6", 1.0f / 6.0f)}, "y")
                              : Op(g, "Div", {m, AddFilledConstant(g, "six", o.six)}, "y");
  g.outputs.push_back(y);
  return y;
}

std::map<std::string, Tensor> Feeds() {
  return {{"x", RandomTensor({2, 3, 4, 4}, 5, -5.0f, 5.0f)}};
}

TEST(FuseHardSwish, DivAndInverseMulForms) {
  for (int form = 0; form < 3; ++form) {
    Graph g;
    Opts o;
    o.mul_by_inverse = form == 1;
    o.swap = form == 2;
    Value* y = BuildDecomposed(g, o);
    auto diff = PassMaxDiff(g, Feeds(), FuseHardSwish);
    ASSERT_TRUE(diff.ok()) << diff.status().message();
    EXPECT_LT(*diff, 1e-6) << "form " << form;
    EXPECT_EQ(g.nodes().size(), 1u) << "form " << form;
    Node* hs = OnlyNode(g, "HardSwish");
    ASSERT_NE(hs, nullptr) << "form " << form;
    EXPECT_EQ(hs->output(0), y);
    EXPECT_EQ(hs->input(0), g.FindValue("x"));
    EXPECT_GE(hs->opset, 14);
  }
}

TEST(FuseHardSwish, HardSigmoidForm) {
  Graph g;
  g.opset = 11;
  Value* x = AddInput(g, "x", {2, 3, 4, 4});
  Value* h = g.AddValue("h");
  Node* hsig = g.AddNode("HardSigmoid", {x}, {h}, "hsig");
  hsig->attrs.set("alpha", Attribute::Float(0.1666667f));  // as exported by paddle2onnx
  hsig->attrs.set("beta", Attribute::Float(0.5f));
  g.outputs.push_back(Op(g, "Mul", {x, h}, "y"));
  auto diff = PassMaxDiff(g, Feeds(), FuseHardSwish);
  ASSERT_TRUE(diff.ok()) << diff.status().message();
  EXPECT_LT(*diff, 1e-5);
  EXPECT_EQ(CountOps(g, "HardSwish"), 1);
  EXPECT_EQ(g.nodes().size(), 1u);
}

TEST(FuseHardSwish, LeavesNearMisses) {
  std::vector<std::pair<const char*, Opts>> cases;
  Opts o;
  o.three = 2;
  cases.push_back({"x + 2", o});
  o = Opts();
  o.hi = 5;
  cases.push_back({"clip max 5", o});
  o = Opts();
  o.six = 5;
  cases.push_back({"divide by 5", o});
  o = Opts();
  o.clip_is_output = true;
  cases.push_back({"clip output also a graph output", o});
  for (const auto& [what, opts] : cases) {
    Graph g;
    BuildDecomposed(g, opts);
    size_t before = g.nodes().size();
    auto diff = PassMaxDiff(g, Feeds(), FuseHardSwish);
    ASSERT_TRUE(diff.ok()) << what << ": " << diff.status().message();
    EXPECT_EQ(*diff, 0.0) << what;
    EXPECT_EQ(g.nodes().size(), before) << what;
    EXPECT_EQ(CountOps(g, "HardSwish"), 0) << what;
  }
}

Status FuseHardSwishThenActivation(Graph& g) {
  RETURN_IF_ERROR(FuseHardSwish(g));
  return FuseActivation(g);
}

TEST(FuseHardSwish, ConvAbsorbsRecognizedHardSwish) {
  Graph g;
  g.opset = 11;
  Value* x = AddInput(g, "x", {1, 3, 6, 6});
  Value* c = Op(g, "Conv", {x, AddRandomConstant(g, "W", {4, 3, 1, 1}, 1)}, "conv_out");
  Value* a = Op(g, "Add", {c, AddFilledConstant(g, "three", 3)}, "a");
  Value* cl =
      Op(g, "Clip", {a, AddFilledConstant(g, "lo", 0), AddFilledConstant(g, "hi", 6)}, "cl");
  Value* m = Op(g, "Mul", {c, cl}, "m");
  Value* y = Op(g, "Div", {m, AddFilledConstant(g, "six", 6)}, "y");
  g.outputs.push_back(y);
  auto diff = PassMaxDiff(g, {{"x", RandomTensor({1, 3, 6, 6}, 3, -4.0f, 4.0f)}},
                          FuseHardSwishThenActivation);
  ASSERT_TRUE(diff.ok()) << diff.status().message();
  EXPECT_LT(*diff, 1e-5);
  ASSERT_EQ(g.nodes().size(), 1u);
  Node* conv = OnlyNode(g, "Conv");
  ASSERT_NE(conv, nullptr);
  EXPECT_EQ(conv->attrs.get_string("fused_activation"), "HardSwish");
  EXPECT_EQ(conv->output(0), y);
}

}  // namespace
}  // namespace openacl
