// EliminateIdentities: Identity / inference Dropout removed by rewiring; outputs kept.
#include <gtest/gtest.h>

#include "passes/infer_and_fold.h"
#include "passes/pass_manager.h"
#include "unit/passes/graph_test_util.h"

namespace openacl {
namespace {

using testing_util::AddInput;
using testing_util::CountOps;
using testing_util::RunReference;

TEST(EliminateIdentity, MiddleIdentityAndDropoutAreRemoved) {
  Graph g;
  g.opset = 17;
  Value* x = AddInput(g, "x", {4});
  Value* a = g.AddValue("a");
  Value* b = g.AddValue("b");
  Value* c = g.AddValue("c");
  Value* y = g.AddValue("y");
  g.AddNode("Relu", {x}, {a});
  g.AddNode("Identity", {a}, {b});
  g.AddNode("Dropout", {b}, {c});
  Node* neg = g.AddNode("Neg", {c}, {y});
  g.outputs.push_back(y);
  ASSERT_TRUE(InferAndFold(g).ok());
  ASSERT_TRUE(EliminateIdentities(g).ok());
  EXPECT_EQ(CountOps(g, "Identity"), 0);
  EXPECT_EQ(CountOps(g, "Dropout"), 0);
  EXPECT_EQ(g.nodes().size(), 2u);
  EXPECT_EQ(neg->input(0), a) << "Neg now reads Relu's output directly";
  auto out = RunReference(g, {{"x", Tensor::FromFloat({-1, 2, -3, 4}, {4})}});
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_FLOAT_EQ((*out)[0].data_as<float>()[1], -2.0f);
  EXPECT_FLOAT_EQ((*out)[0].data_as<float>()[0], 0.0f);
}

TEST(EliminateIdentity, ChainOfIdentitiesCollapses) {
  Graph g;
  g.opset = 17;
  Value* x = AddInput(g, "x", {2});
  Value* v = g.AddValue("r");
  g.AddNode("Relu", {x}, {v});
  for (int i = 0; i < 4; ++i) {
    Value* next = g.AddValue("id" + std::to_string(i));
    g.AddNode("Identity", {v}, {next});
    v = next;
  }
  Value* y = g.AddValue("y");
  Node* neg = g.AddNode("Neg", {v}, {y});
  g.outputs.push_back(y);
  ASSERT_TRUE(InferAndFold(g).ok());
  ASSERT_TRUE(EliminateIdentities(g).ok());
  EXPECT_EQ(CountOps(g, "Identity"), 0);
  EXPECT_EQ(neg->input(0)->name, "r");
}

TEST(EliminateIdentity, GraphOutputIdentityIsKept) {
  Graph g;
  g.opset = 17;
  Value* x = AddInput(g, "x", {2});
  Value* a = g.AddValue("a");
  Value* y = g.AddValue("y");
  g.AddNode("Relu", {x}, {a});
  g.AddNode("Identity", {a}, {y}, "out_identity");
  g.outputs.push_back(y);
  ASSERT_TRUE(InferAndFold(g).ok());
  ASSERT_TRUE(EliminateIdentities(g).ok());
  EXPECT_EQ(CountOps(g, "Identity"), 1);
  EXPECT_EQ(g.outputs[0], y);
  EXPECT_EQ(y->name, "y");
  EXPECT_EQ(y->producer->name, "out_identity");
}

TEST(EliminateIdentity, IdentityOfGraphInputIsRewired) {
  Graph g;
  g.opset = 17;
  Value* x = AddInput(g, "x", {2});
  Value* a = g.AddValue("a");
  Value* y = g.AddValue("y");
  g.AddNode("Identity", {x}, {a});
  Node* relu = g.AddNode("Relu", {a}, {y});
  g.outputs.push_back(y);
  ASSERT_TRUE(InferAndFold(g).ok());
  ASSERT_TRUE(EliminateIdentities(g).ok());
  EXPECT_EQ(g.nodes().size(), 1u);
  EXPECT_EQ(relu->input(0), x);
}

TEST(EliminateIdentity, DropoutWithUsedMaskIsKept) {
  for (bool mask_is_output : {false, true}) {
    Graph g;
    g.opset = 17;
    Value* x = AddInput(g, "x", {2});
    Value* d = g.AddValue("d");
    Value* mask = g.AddValue("mask");
    Value* y = g.AddValue("y");
    g.AddNode("Dropout", {x}, {d, mask}, "drop");
    g.AddNode("Relu", {d}, {y});
    g.outputs.push_back(y);
    if (mask_is_output) {
      g.outputs.push_back(mask);
    } else {
      Value* m2 = g.AddValue("m2");
      g.AddNode("Not", {mask}, {m2});
      g.outputs.push_back(m2);
    }
    ASSERT_TRUE(InferAndFold(g, InferOptions{false}).ok());
    ASSERT_TRUE(EliminateIdentities(g).ok());
    EXPECT_EQ(CountOps(g, "Dropout"), 1) << "mask_is_output=" << mask_is_output;
  }
}

TEST(EliminateIdentity, DropoutWithUnusedMaskIsRemoved) {
  Graph g;
  g.opset = 17;
  Value* x = AddInput(g, "x", {2});
  Value* d = g.AddValue("d");
  Value* mask = g.AddValue("mask");
  Value* y = g.AddValue("y");
  g.AddNode("Dropout", {x}, {d, mask}, "drop");
  Node* relu = g.AddNode("Relu", {d}, {y});
  g.outputs.push_back(y);
  ASSERT_TRUE(InferAndFold(g).ok());
  ASSERT_TRUE(EliminateIdentities(g).ok());
  EXPECT_EQ(CountOps(g, "Dropout"), 0);
  EXPECT_EQ(relu->input(0), x);
}

}  // namespace
}  // namespace openacl
