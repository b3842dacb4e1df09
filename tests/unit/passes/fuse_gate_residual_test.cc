// FuseGateResidual: x + x * g, with g from a Conv carrying a fused activation, becomes x * g'
// where g' = g + 1 through the Conv's fused_post_shift; outputs unchanged; variants that do not
// have that exact shape are left alone.
#include <gtest/gtest.h>

#include "passes/pass_manager.h"
#include "unit/passes/graph_test_util.h"

namespace openacl {
namespace {

using testing_util::AddInput;
using testing_util::Op;
using testing_util::AddRandomConstant;
using testing_util::CountOps;
using testing_util::PassMaxDiff;
using testing_util::RandomTensor;

Status ActivationThenGate(Graph& g) {
  RETURN_IF_ERROR(FuseActivation(g));
  return FuseGateResidual(g);
}

enum class Variant { kPlain, kSwapped, kOtherSummand, kGateReused, kNoActivation };

// x[1,4,5,5] -> GlobalAveragePool -> Conv(1x1) -> HardSigmoid = g[1,4,1,1];  y = x + x * g
void Build(Graph& g, Variant v) {
  g.opset = 13;
  Value* x = AddInput(g, "x", {1, 4, 5, 5});
  Value* z = AddInput(g, "z", {1, 4, 5, 5});
  Value* p = Op(g, "GlobalAveragePool", {x}, "pool");
  Value* c = Op(g, "Conv",
                {p, AddRandomConstant(g, "W", {4, 4, 1, 1}, 1), AddRandomConstant(g, "B", {4}, 2)},
                "conv");
  Value* gate = v == Variant::kNoActivation ? c : Op(g, "HardSigmoid", {c}, "gate");
  Value* m = v == Variant::kSwapped ? Op(g, "Mul", {gate, x}, "m") : Op(g, "Mul", {x, gate}, "m");
  Value* y = v == Variant::kSwapped        ? Op(g, "Add", {m, x}, "y")
             : v == Variant::kOtherSummand ? Op(g, "Add", {z, m}, "y")
                                           : Op(g, "Add", {x, m}, "y");
  g.outputs.push_back(y);
  if (v == Variant::kGateReused) g.outputs.push_back(gate);
}

std::map<std::string, Tensor> Feeds() {
  return {{"x", RandomTensor({1, 4, 5, 5}, 5, -2.0f, 2.0f)}, {"z", RandomTensor({1, 4, 5, 5}, 6)}};
}

TEST(FuseGateResidual, FoldsTheAddIntoTheGate) {
  for (Variant v : {Variant::kPlain, Variant::kSwapped}) {
    Graph g;
    Build(g, v);
    auto diff = PassMaxDiff(g, Feeds(), ActivationThenGate);
    ASSERT_TRUE(diff.ok()) << diff.status().message();
    EXPECT_LT(*diff, 1e-5);
    EXPECT_EQ(CountOps(g, "Add"), 0);
    EXPECT_EQ(CountOps(g, "Mul"), 1);
    Node* mul = g.FindValue("y")->producer;
    ASSERT_NE(mul, nullptr);
    EXPECT_EQ(mul->op_type, "Mul");
    Node* conv = g.FindValue("x")->producer;  // graph input: no producer
    EXPECT_EQ(conv, nullptr);
    for (const auto& n : g.nodes()) {
      if (n->op_type == "Conv") {
        EXPECT_FLOAT_EQ(n->attrs.get_float("fused_post_shift", 0), 1.0f);
      }
    }
  }
}

TEST(FuseGateResidual, LeavesOtherShapes) {
  for (Variant v : {Variant::kOtherSummand, Variant::kGateReused, Variant::kNoActivation}) {
    Graph g;
    Build(g, v);
    auto diff = PassMaxDiff(g, Feeds(), ActivationThenGate);
    ASSERT_TRUE(diff.ok()) << diff.status().message();
    EXPECT_LT(*diff, 1e-6);
    EXPECT_EQ(CountOps(g, "Add"), 1) << static_cast<int>(v);
    for (const auto& n : g.nodes()) EXPECT_FALSE(n->attrs.has("fused_post_shift"));
  }
}

}  // namespace
}  // namespace openacl
