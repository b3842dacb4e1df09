// FoldBatchNormIntoConv: weights/bias checked against the formula and the whole graph's output
// checked numerically before and after the pass (reference kernels).
#include <gtest/gtest.h>

#include <cmath>

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

struct ConvBn {
  Graph g;
  Value* x = nullptr;
  Value* w = nullptr;
  Value* b = nullptr;
  Value* conv_out = nullptr;
  Value* y = nullptr;
  Node* conv = nullptr;
  Node* bn = nullptr;
};

// x[1,4,5,5] -> Conv(W[6, 4/group, 3, 3], B?) -> BatchNorm(eps) -> y
void Build(ConvBn& m, bool with_bias, int64_t group, float eps) {
  Graph& g = m.g;
  g.opset = 17;
  m.x = AddInput(g, "x", {1, 4, 5, 5});
  m.w = AddRandomConstant(g, "W", {6, 4 / group, 3, 3}, 1);
  std::vector<Value*> conv_in = {m.x, m.w};
  if (with_bias) {
    m.b = AddRandomConstant(g, "B", {6}, 2);
    conv_in.push_back(m.b);
  }
  m.conv_out = g.AddValue("conv_out");
  m.conv = g.AddNode("Conv", conv_in, {m.conv_out}, "conv");
  m.conv->attrs.set("pads", Attribute::Ints({1, 1, 1, 1}));
  m.conv->attrs.set("group", Attribute::Int(group));
  Value* gamma = AddRandomConstant(g, "gamma", {6}, 3, 0.5f, 1.5f);
  Value* beta = AddRandomConstant(g, "beta", {6}, 4);
  Value* mean = AddRandomConstant(g, "mean", {6}, 5);
  Value* var = AddRandomConstant(g, "var", {6}, 6, 0.1f, 2.0f);
  m.y = g.AddValue("y");
  m.bn = g.AddNode("BatchNormalization", {m.conv_out, gamma, beta, mean, var}, {m.y}, "bn");
  m.bn->attrs.set("epsilon", Attribute::Float(eps));
  g.outputs.push_back(m.y);
}

void CheckFold(bool with_bias, int64_t group) {
  const float eps = 1e-3f;
  ConvBn m;
  Build(m, with_bias, group, eps);
  ASSERT_TRUE(InferAndFold(m.g).ok());
  Tensor input = RandomTensor({1, 4, 5, 5}, 7);
  auto before = RunReference(m.g, {{"x", input}});
  ASSERT_TRUE(before.ok()) << before.status().message();

  // Keep the originals to check the formula.
  Tensor w0 = *m.w->constant;
  Tensor b0 = with_bias ? *m.b->constant : Tensor();
  const Node* bn = m.bn;
  Tensor gamma = *bn->input(1)->constant, beta = *bn->input(2)->constant,
         mean = *bn->input(3)->constant, var = *bn->input(4)->constant;

  ASSERT_TRUE(FoldBatchNormIntoConv(m.g).ok());
  EXPECT_EQ(CountOps(m.g, "BatchNormalization"), 0);
  Node* conv = OnlyNode(m.g, "Conv");
  ASSERT_NE(conv, nullptr);
  EXPECT_EQ(conv->output(0), m.y) << "Conv now produces the BN's output value";
  EXPECT_EQ(m.y->producer, conv);
  ASSERT_EQ(conv->inputs.size(), 3u);
  ASSERT_TRUE(conv->input(1) && conv->input(1)->is_constant());
  ASSERT_TRUE(conv->input(2) && conv->input(2)->is_constant());
  const Tensor& w1 = *conv->input(1)->constant;
  const Tensor& b1 = *conv->input(2)->constant;
  EXPECT_EQ(w1.shape(), w0.shape());
  EXPECT_EQ(b1.shape(), (Shape{6}));
  int64_t per_ch = w0.num_elements() / 6;
  for (int64_t o = 0; o < 6; ++o) {
    double s = gamma.GetAsDouble(o) / std::sqrt(var.GetAsDouble(o) + eps);
    for (int64_t k = 0; k < per_ch; ++k)
      EXPECT_NEAR(w1.GetAsDouble(o * per_ch + k), w0.GetAsDouble(o * per_ch + k) * s, 1e-5)
          << "o=" << o << " k=" << k;
    double bias = with_bias ? b0.GetAsDouble(o) : 0.0;
    EXPECT_NEAR(b1.GetAsDouble(o), (bias - mean.GetAsDouble(o)) * s + beta.GetAsDouble(o), 1e-5)
        << "o=" << o;
  }
  // New constants were made (the originals may be shared with other nodes); m.w itself was
  // removed from the graph as dead, so it must not be touched here.
  EXPECT_NE(conv->input(1)->constant->data(), w0.data());

  auto after = RunReference(m.g, {{"x", input}});
  ASSERT_TRUE(after.ok()) << after.status().message();
  EXPECT_LT(MaxAbsDiff((*before)[0], (*after)[0]), 1e-4);
}

TEST(FoldBatchNorm, ConvWithBias) { CheckFold(true, 1); }
TEST(FoldBatchNorm, ConvWithoutBias) { CheckFold(false, 1); }
TEST(FoldBatchNorm, GroupedConv) { CheckFold(true, 2); }

TEST(FoldBatchNorm, NotFoldedWhenConvOutputHasAnotherConsumer) {
  ConvBn m;
  Build(m, true, 1, 1e-5f);
  Value* side = m.g.AddValue("side");
  m.g.AddNode("Relu", {m.conv_out}, {side});
  m.g.outputs.push_back(side);
  ASSERT_TRUE(InferAndFold(m.g).ok());
  ASSERT_TRUE(FoldBatchNormIntoConv(m.g).ok());
  EXPECT_EQ(CountOps(m.g, "BatchNormalization"), 1);
  EXPECT_EQ(m.conv->input(1), m.w);
}

TEST(FoldBatchNorm, NotFoldedWhenConvOutputIsGraphOutput) {
  ConvBn m;
  Build(m, true, 1, 1e-5f);
  m.g.outputs.push_back(m.conv_out);
  ASSERT_TRUE(InferAndFold(m.g).ok());
  ASSERT_TRUE(FoldBatchNormIntoConv(m.g).ok());
  EXPECT_EQ(CountOps(m.g, "BatchNormalization"), 1);
}

TEST(FoldBatchNorm, NotFoldedWhenStatisticsAreNotConstant) {
  ConvBn m;
  Build(m, true, 1, 1e-5f);
  Value* dyn_mean = AddInput(m.g, "dyn_mean", {6});
  m.bn->inputs[3] = dyn_mean;
  ASSERT_TRUE(InferAndFold(m.g).ok());
  Tensor input = RandomTensor({1, 4, 5, 5}, 8);
  Tensor mean_in = RandomTensor({6}, 9);
  auto before = RunReference(m.g, {{"x", input}, {"dyn_mean", mean_in}});
  ASSERT_TRUE(before.ok());
  ASSERT_TRUE(FoldBatchNormIntoConv(m.g).ok());
  EXPECT_EQ(CountOps(m.g, "BatchNormalization"), 1);
  auto after = RunReference(m.g, {{"x", input}, {"dyn_mean", mean_in}});
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(MaxAbsDiff((*before)[0], (*after)[0]), 0.0);
}

TEST(FoldBatchNorm, BatchNormAfterNonConvIsLeftAlone) {
  Graph g;
  g.opset = 17;
  Value* x = AddInput(g, "x", {1, 2, 3, 3});
  Value* r = g.AddValue("r");
  g.AddNode("Relu", {x}, {r});
  Value* y = g.AddValue("y");
  g.AddNode("BatchNormalization",
            {r, AddRandomConstant(g, "g", {2}, 1, 0.5f, 1.f), AddRandomConstant(g, "b", {2}, 2),
             AddRandomConstant(g, "m", {2}, 3), AddRandomConstant(g, "v", {2}, 4, 0.5f, 1.f)},
            {y});
  g.outputs.push_back(y);
  ASSERT_TRUE(InferAndFold(g).ok());
  ASSERT_TRUE(FoldBatchNormIntoConv(g).ok());
  EXPECT_EQ(CountOps(g, "BatchNormalization"), 1);
  EXPECT_EQ(CountOps(g, "Relu"), 1);
}

}  // namespace
}  // namespace openacl
