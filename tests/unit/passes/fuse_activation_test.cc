// FuseActivation: Conv/Gemm/MatMul + activation -> fused_activation/fused_alpha/fused_beta, and
// the graph computes the same result with the reference kernels before and after.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

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

struct ConvAct {
  Graph g;
  Value* conv_out = nullptr;
  Value* y = nullptr;
  Node* conv = nullptr;
  Node* act = nullptr;
};

// x[1,2,4,4] -> Conv(W[3,2,3,3], B) -> act -> y
void Build(ConvAct& m, const std::string& act, const std::vector<Value*>& extra_inputs = {}) {
  Graph& g = m.g;
  Value* x = AddInput(g, "x", {1, 2, 4, 4});
  m.conv_out = g.AddValue("conv_out");
  m.conv = g.AddNode(
      "Conv", {x, AddRandomConstant(g, "W", {3, 2, 3, 3}, 1), AddRandomConstant(g, "B", {3}, 2)},
      {m.conv_out}, "conv");
  m.conv->attrs.set("pads", Attribute::Ints({1, 1, 1, 1}));
  std::vector<Value*> ins = {m.conv_out};
  ins.insert(ins.end(), extra_inputs.begin(), extra_inputs.end());
  m.y = g.AddValue("y");
  m.act = g.AddNode(act, ins, {m.y}, "act");
  g.outputs.push_back(m.y);
}

// Runs inference, then the pass, and checks the outputs did not change.
void InferFuseCompare(Graph& g, const std::map<std::string, Tensor>& feeds) {
  Status st = InferAndFold(g);
  ASSERT_TRUE(st.ok()) << st.message();
  auto before = RunReference(g, feeds);
  ASSERT_TRUE(before.ok()) << before.status().message();
  ASSERT_TRUE(FuseActivation(g).ok());
  auto after = RunReference(g, feeds);
  ASSERT_TRUE(after.ok()) << after.status().message();
  ASSERT_EQ(before->size(), after->size());
  for (size_t i = 0; i < before->size(); ++i)
    EXPECT_LT(MaxAbsDiff((*before)[i], (*after)[i]), 1e-5) << "output " << i;
}

std::map<std::string, Tensor> ConvFeeds() { return {{"x", RandomTensor({1, 2, 4, 4}, 11)}}; }

void ExpectFused(const Graph& g, Node* producer, Value* y, const std::string& act, float alpha,
                 float beta) {
  EXPECT_EQ(g.nodes().size(), 1u);
  EXPECT_EQ(producer->attrs.get_string("fused_activation"), act);
  EXPECT_FLOAT_EQ(producer->attrs.get_float("fused_alpha", 12345.f), alpha);
  EXPECT_FLOAT_EQ(producer->attrs.get_float("fused_beta", 12345.f), beta);
  EXPECT_EQ(producer->output(0), y);
  EXPECT_EQ(y->producer, producer);
}

TEST(FuseActivation, ConvRelu) {
  ConvAct m;
  m.g.opset = 17;
  Build(m, "Relu");
  InferFuseCompare(m.g, ConvFeeds());
  ExpectFused(m.g, m.conv, m.y, "Relu", 0.0f, 0.0f);
}

TEST(FuseActivation, ConvLeakyReluCarriesAlpha) {
  ConvAct m;
  m.g.opset = 17;
  Build(m, "LeakyRelu");
  m.act->attrs.set("alpha", Attribute::Float(0.2f));
  InferFuseCompare(m.g, ConvFeeds());
  ExpectFused(m.g, m.conv, m.y, "LeakyRelu", 0.2f, 0.0f);
}

TEST(FuseActivation, LeakyReluDefaultAlpha) {
  ConvAct m;
  m.g.opset = 17;
  Build(m, "LeakyRelu");
  InferFuseCompare(m.g, ConvFeeds());
  ExpectFused(m.g, m.conv, m.y, "LeakyRelu", 0.01f, 0.0f);
}

TEST(FuseActivation, ClipWithConstantMinMaxInputs) {
  ConvAct m;
  m.g.opset = 13;
  Value* lo = m.g.AddConstant("lo", Tensor::FromFloat({-0.1f}, {}));
  Value* hi = m.g.AddConstant("hi", Tensor::FromFloat({0.3f}, {}));
  Build(m, "Clip", {lo, hi});
  InferFuseCompare(m.g, ConvFeeds());
  ExpectFused(m.g, m.conv, m.y, "Clip", -0.1f, 0.3f);
}

TEST(FuseActivation, ClipWithOnlyMaxIsUnboundedBelow) {
  ConvAct m;
  m.g.opset = 13;
  Value* hi = m.g.AddConstant("hi", Tensor::FromFloat({6.0f}, {}));
  Build(m, "Clip", {nullptr, hi});
  InferFuseCompare(m.g, ConvFeeds());
  EXPECT_EQ(m.g.nodes().size(), 1u);
  EXPECT_EQ(m.conv->attrs.get_float("fused_alpha"), -std::numeric_limits<float>::infinity());
  EXPECT_FLOAT_EQ(m.conv->attrs.get_float("fused_beta"), 6.0f);
}

TEST(FuseActivation, ClipOpset6AttributeBounds) {
  ConvAct m;
  m.g.opset = 6;
  Build(m, "Clip");
  m.act->attrs.set("min", Attribute::Float(-0.25f));
  m.act->attrs.set("max", Attribute::Float(0.5f));
  InferFuseCompare(m.g, ConvFeeds());
  ExpectFused(m.g, m.conv, m.y, "Clip", -0.25f, 0.5f);
}

TEST(FuseActivation, ClipWithRuntimeBoundIsNotFused) {
  ConvAct m;
  m.g.opset = 13;
  Value* lo = AddInput(m.g, "lo", {});
  Build(m, "Clip", {lo});
  std::map<std::string, Tensor> feeds = ConvFeeds();
  feeds["lo"] = Tensor::FromFloat({0.0f}, {});
  InferFuseCompare(m.g, feeds);
  EXPECT_EQ(CountOps(m.g, "Clip"), 1);
  EXPECT_FALSE(m.conv->attrs.has("fused_activation"));
}

TEST(FuseActivation, NotFusedWhenProducerOutputHasTwoConsumers) {
  ConvAct m;
  m.g.opset = 17;
  Build(m, "Relu");
  Value* side = m.g.AddValue("side");
  m.g.AddNode("Neg", {m.conv_out}, {side});
  m.g.outputs.push_back(side);
  InferFuseCompare(m.g, ConvFeeds());
  EXPECT_EQ(CountOps(m.g, "Relu"), 1);
  EXPECT_FALSE(m.conv->attrs.has("fused_activation"));
}

TEST(FuseActivation, NotFusedWhenProducerOutputIsGraphOutput) {
  ConvAct m;
  m.g.opset = 17;
  Build(m, "Relu");
  m.g.outputs.push_back(m.conv_out);
  InferFuseCompare(m.g, ConvFeeds());
  EXPECT_EQ(CountOps(m.g, "Relu"), 1);
  EXPECT_FALSE(m.conv->attrs.has("fused_activation"));
}

TEST(FuseActivation, UnknownActivationIsNotFused) {
  ConvAct m;
  m.g.opset = 17;
  Build(m, "Abs");
  InferFuseCompare(m.g, ConvFeeds());
  EXPECT_EQ(CountOps(m.g, "Abs"), 1);
}

TEST(FuseActivation, GemmSigmoidAndMatMulTanhAndHardSigmoid) {
  Graph g;
  g.opset = 17;
  Value* a = AddInput(g, "a", {2, 3});
  Value* gemm_out = g.AddValue("gemm_out");
  Node* gemm = g.AddNode("Gemm", {a, AddRandomConstant(g, "gb", {3, 4}, 1)}, {gemm_out}, "gemm");
  Value* s = g.AddValue("s");
  g.AddNode("Sigmoid", {gemm_out}, {s});
  Value* mm_out = g.AddValue("mm_out");
  Node* mm = g.AddNode("MatMul", {s, AddRandomConstant(g, "mb", {4, 5}, 2)}, {mm_out}, "mm");
  Value* t = g.AddValue("t");
  g.AddNode("Tanh", {mm_out}, {t});
  Value* mm2_out = g.AddValue("mm2_out");
  Node* mm2 = g.AddNode("MatMul", {t, AddRandomConstant(g, "mb2", {5, 2}, 3)}, {mm2_out}, "mm2");
  Value* y = g.AddValue("y");
  Node* hs = g.AddNode("HardSigmoid", {mm2_out}, {y});
  hs->attrs.set("alpha", Attribute::Float(0.3f));
  hs->attrs.set("beta", Attribute::Float(0.4f));
  g.outputs.push_back(y);
  InferFuseCompare(g, {{"a", RandomTensor({2, 3}, 5, -3.f, 3.f)}});
  EXPECT_EQ(g.nodes().size(), 3u);
  EXPECT_EQ(gemm->attrs.get_string("fused_activation"), "Sigmoid");
  EXPECT_EQ(mm->attrs.get_string("fused_activation"), "Tanh");
  EXPECT_EQ(mm2->attrs.get_string("fused_activation"), "HardSigmoid");
  EXPECT_FLOAT_EQ(mm2->attrs.get_float("fused_alpha"), 0.3f);
  EXPECT_FLOAT_EQ(mm2->attrs.get_float("fused_beta"), 0.4f);
}

TEST(FuseActivation, OnlyOneActivationPerProducer) {
  ConvAct m;
  m.g.opset = 17;
  Build(m, "Relu");
  Value* y2 = m.g.AddValue("y2");
  m.g.AddNode("Tanh", {m.y}, {y2});
  m.g.outputs = {y2};
  InferFuseCompare(m.g, ConvFeeds());
  EXPECT_EQ(m.conv->attrs.get_string("fused_activation"), "Relu");
  EXPECT_EQ(CountOps(m.g, "Tanh"), 1);
}

}  // namespace
}  // namespace openacl
