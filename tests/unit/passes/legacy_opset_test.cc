// Legacy opset (< 7) adapters: broadcast=1/axis binary ops and PRelu's per-channel slope become
// explicit, numpy-aligned operands; dropped attributes are removed and the node runs at opset 7.
#include "passes/legacy_opset.h"

#include <gtest/gtest.h>

#include "passes/infer_and_fold.h"
#include "unit/passes/graph_test_util.h"

namespace openacl {
namespace {

using testing_util::AddInput;
using testing_util::CountOps;
using testing_util::RandomTensor;
using testing_util::RunReference;

TEST(LegacyOpset, Opset6AddBroadcastAxis1BecomesAlignedConstant) {
  Graph g;
  g.opset = 6;
  Value* x = AddInput(g, "x", {2, 3, 4, 5});
  Value* b = g.AddConstant("b", Tensor::FromFloat({10, 20, 30}, {3}));
  Value* y = g.AddValue("y");
  Node* add = g.AddNode("Add", {x, b}, {y}, "legacy_add");
  add->attrs.set("broadcast", Attribute::Int(1));
  add->attrs.set("axis", Attribute::Int(1));
  add->attrs.set("consumed_inputs", Attribute::Ints({0, 0}));
  g.outputs.push_back(y);

  Status st = InferAndFold(g);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(add->opset, 7);
  EXPECT_FALSE(add->attrs.has("broadcast"));
  EXPECT_FALSE(add->attrs.has("axis"));
  EXPECT_FALSE(add->attrs.has("consumed_inputs"));
  Value* aligned = add->input(1);
  ASSERT_NE(aligned, nullptr);
  ASSERT_TRUE(aligned->is_constant());
  EXPECT_EQ(aligned->shape, (Shape{3, 1, 1}));
  EXPECT_EQ(aligned->constant->shape(), (Shape{3, 1, 1}));
  EXPECT_FLOAT_EQ(aligned->constant->data_as<float>()[2], 30.0f);
  EXPECT_EQ(y->shape, (Shape{2, 3, 4, 5}));

  Tensor xin = RandomTensor({2, 3, 4, 5}, 1);
  auto out = RunReference(g, {{"x", xin}});
  ASSERT_TRUE(out.ok()) << out.status().message();
  for (int64_t i = 0; i < xin.num_elements(); ++i) {
    int64_t c = (i / 20) % 3;
    ASSERT_FLOAT_EQ((*out)[0].data_as<float>()[i], xin.data_as<float>()[i] + 10.0f * (c + 1)) << i;
  }
}

TEST(LegacyOpset, Opset6MulWithRuntimeOperandGetsUnsqueeze) {
  Graph g;
  g.opset = 6;
  Value* x = AddInput(g, "x", {2, 3});
  Value* b = AddInput(g, "b", {2});
  Value* y = g.AddValue("y");
  Node* mul = g.AddNode("Mul", {x, b}, {y}, "legacy_mul");
  mul->attrs.set("broadcast", Attribute::Int(1));
  mul->attrs.set("axis", Attribute::Int(0));
  g.outputs.push_back(y);
  Status st = InferAndFold(g);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(CountOps(g, "Unsqueeze"), 1);
  EXPECT_EQ(mul->input(1)->shape, (Shape{2, 1}));
  EXPECT_EQ(y->shape, (Shape{2, 3}));
  // The adapter appends its Unsqueeze; the compiler topo-sorts before planning.
  ASSERT_TRUE(g.TopoSort().ok());
  auto out = RunReference(g, {{"x", Tensor::FromFloat({1, 2, 3, 4, 5, 6}, {2, 3})},
                              {"b", Tensor::FromFloat({10, 100}, {2})}});
  ASSERT_TRUE(out.ok()) << out.status().message();
  const float expect[] = {10, 20, 30, 400, 500, 600};
  for (int i = 0; i < 6; ++i) EXPECT_FLOAT_EQ((*out)[0].data_as<float>()[i], expect[i]) << i;
}

TEST(LegacyOpset, BroadcastWithoutAxisAlignsFromTheRight) {
  Graph g;
  g.opset = 6;
  Value* x = AddInput(g, "x", {2, 3});
  Value* b = g.AddConstant("b", Tensor::FromFloat({1, 2, 3}, {3}));
  Value* y = g.AddValue("y");
  Node* sub = g.AddNode("Sub", {x, b}, {y});
  sub->attrs.set("broadcast", Attribute::Int(1));
  g.outputs.push_back(y);
  ASSERT_TRUE(InferAndFold(g).ok());
  EXPECT_EQ(sub->input(1)->shape, (Shape{3}));
  auto out = RunReference(g, {{"x", Tensor::FromFloat({1, 1, 1, 2, 2, 2}, {2, 3})}});
  ASSERT_TRUE(out.ok());
  EXPECT_FLOAT_EQ((*out)[0].data_as<float>()[5], -1.0f);
}

TEST(LegacyOpset, PReluPerChannelSlopeIsAligned) {
  Graph g;
  g.opset = 6;
  Value* x = AddInput(g, "x", {1, 2, 2, 2});
  Value* slope = g.AddConstant("slope", Tensor::FromFloat({0.5f, 2.0f}, {2}));
  Value* y = g.AddValue("y");
  Node* prelu = g.AddNode("PRelu", {x, slope}, {y});
  g.outputs.push_back(y);
  Status st = InferAndFold(g);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(prelu->input(1)->shape, (Shape{2, 1, 1}));
  auto out =
      RunReference(g, {{"x", Tensor::FromFloat({-1, -1, -1, -1, -1, -1, -1, 1}, {1, 2, 2, 2})}});
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_FLOAT_EQ((*out)[0].data_as<float>()[0], -0.5f);
  EXPECT_FLOAT_EQ((*out)[0].data_as<float>()[4], -2.0f);
  EXPECT_FLOAT_EQ((*out)[0].data_as<float>()[7], 1.0f);
}

TEST(LegacyOpset, AxisThatDoesNotFitIsAnError) {
  Graph g;
  g.opset = 6;
  Value* x = AddInput(g, "x", {2, 3, 4, 5});
  Value* b = g.AddConstant("b", Tensor::FromFloat(std::vector<float>(20, 1.f), {4, 5}));
  Value* y = g.AddValue("y");
  Node* add = g.AddNode("Add", {x, b}, {y}, "bad_axis_add");
  add->attrs.set("broadcast", Attribute::Int(1));
  add->attrs.set("axis", Attribute::Int(3));
  g.outputs.push_back(y);
  Status st = InferAndFold(g);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), StatusCode::kShapeInvalid);
  EXPECT_NE(st.message().find("bad_axis_add"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("axis 3"), std::string::npos) << st.message();
}

TEST(LegacyOpset, Opset7NodesAreUntouched) {
  Graph g;
  g.opset = 7;
  Value* x = AddInput(g, "x", {2, 3});
  Value* b = g.AddConstant("b", Tensor::FromFloat({1, 2, 3}, {3}));
  Value* y = g.AddValue("y");
  Node* add = g.AddNode("Add", {x, b}, {y});
  RetagLegacyNodes(g);
  EXPECT_EQ(add->opset, 7);
  EXPECT_EQ(add->input(1), b);
}

}  // namespace
}  // namespace openacl
