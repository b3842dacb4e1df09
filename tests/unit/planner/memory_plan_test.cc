// PlanMemory on hand-built graphs: exact reuse in chains/diamonds, view aliasing, io/weight
// placement and errors. Every plan also goes through the independent checker.
#include "planner/memory_plan.h"

#include <gtest/gtest.h>

#include "unit/planner/plan_check_util.h"

namespace openacl {
namespace {

// Small graph-building helpers (the planner needs only dtypes, shapes and node order).
Value* Val(Graph& g, const std::string& name, int64_t elems) {
  Value* v = g.AddValue(name);
  v->dtype = DType::kFloat32;
  v->shape = {elems};
  v->has_shape = true;
  return v;
}

Value* In(Graph& g, const std::string& name, int64_t elems) {
  Value* v = Val(g, name, elems);
  g.inputs.push_back(v);
  return v;
}

Value* Const(Graph& g, const std::string& name, int64_t elems) {
  return g.AddConstant(name, Tensor(DType::kFloat32, {elems}));
}

MemoryPlan PlanAndCheck(const Graph& g, uint64_t scratch = 0) {
  auto plan = PlanMemory(g, scratch);
  EXPECT_TRUE(plan.ok()) << plan.status().message();
  if (!plan.ok()) return MemoryPlan();
  for (const std::string& e : plan_check::CheckPlan(g, *plan, scratch)) ADD_FAILURE() << e;
  return std::move(plan).value();
}

const ValuePlan& P(const MemoryPlan& plan, const Value* v) { return plan.values.at(v); }

TEST(MemoryPlan, ChainReusesTwoBuffers) {
  Graph g;
  Value* x = In(g, "x", 100);
  Value* a = Val(g, "a", 100);
  Value* b = Val(g, "b", 100);
  Value* c = Val(g, "c", 100);
  Value* y = Val(g, "y", 100);
  g.AddNode("Relu", {x}, {a});
  g.AddNode("Relu", {a}, {b});
  g.AddNode("Relu", {b}, {c});
  g.AddNode("Relu", {c}, {y});
  g.outputs.push_back(y);
  MemoryPlan plan = PlanAndCheck(g);
  EXPECT_EQ(plan.arena_size, 2 * AlignUp(400));
  EXPECT_EQ(P(plan, a).offset, P(plan, c).offset) << "a is dead when c is produced";
  EXPECT_NE(P(plan, a).offset, P(plan, b).offset);
  EXPECT_EQ(P(plan, x).placement, Placement::kInput);
  EXPECT_EQ(P(plan, y).placement, Placement::kOutput);
}

TEST(MemoryPlan, DiamondNeedsThreeBuffers) {
  Graph g;
  Value* x = In(g, "x", 16);
  Value* a = Val(g, "a", 16);
  Value* b = Val(g, "b", 16);
  Value* c = Val(g, "c", 16);
  Value* d = Val(g, "d", 16);
  Value* y = Val(g, "y", 16);
  g.AddNode("Relu", {x}, {a});
  g.AddNode("Relu", {a}, {b});
  g.AddNode("Neg", {a}, {c});
  g.AddNode("Add", {b, c}, {d});
  g.AddNode("Relu", {d}, {y});
  g.outputs.push_back(y);
  MemoryPlan plan = PlanAndCheck(g);
  EXPECT_EQ(plan.arena_size, 3 * AlignUp(64));
  EXPECT_EQ(P(plan, d).offset, P(plan, a).offset);
}

TEST(MemoryPlan, ViewsAliasTheirRootAndExtendItsLifetime) {
  Graph g;
  Value* x = In(g, "x", 32);
  Value* a = Val(g, "a", 32);
  Value* v1 = Val(g, "v1", 32);
  Value* v2 = Val(g, "v2", 32);
  Value* b = Val(g, "b", 32);
  Value* c = Val(g, "c", 32);
  Value* y = Val(g, "y", 32);
  Value* shape = g.AddConstant("shape", Tensor::FromInt64({4, 8}, {2}));
  g.AddNode("Relu", {x}, {a});
  g.AddNode("Reshape", {a, shape}, {v1});
  g.AddNode("Relu", {a}, {b});
  g.AddNode("Identity", {v1}, {v2});  // a view of a view
  g.AddNode("Relu", {b}, {c});
  g.AddNode("Add", {v2, c}, {y});  // a (through v2) lives until here
  g.outputs.push_back(y);
  MemoryPlan plan = PlanAndCheck(g);
  int a_index = -1;
  for (size_t i = 0; i < g.values().size(); ++i)
    if (g.values()[i].get() == a) a_index = static_cast<int>(i);
  for (const Value* v : {v1, v2}) {
    EXPECT_EQ(P(plan, v).placement, Placement::kAlias) << v->name;
    EXPECT_EQ(P(plan, v).offset, P(plan, a).offset) << v->name;
    EXPECT_EQ(P(plan, v).index, a_index) << v->name;
  }
  EXPECT_NE(P(plan, c).offset, P(plan, a).offset) << "a is still live through its views";
  EXPECT_EQ(P(plan, shape).placement, Placement::kWeight);
  EXPECT_EQ(plan.arena_size, 3 * AlignUp(128));
}

TEST(MemoryPlan, ViewsThatCannotAlias) {
  Graph g;
  Value* x = In(g, "x", 8);
  Value* from_input = Val(g, "from_input", 8);
  Value* a = Val(g, "a", 8);
  Value* resized = Val(g, "resized", 4);  // byte size differs: not a pure view
  Value* out_view = Val(g, "out_view", 8);
  Value* y = Val(g, "y", 4);
  g.AddNode("Flatten", {x}, {from_input});  // input buffers belong to the caller
  g.AddNode("Relu", {from_input}, {a});
  g.AddNode("Squeeze", {a}, {resized});
  g.AddNode("Unsqueeze", {a}, {out_view});  // graph output: caller's buffer
  g.AddNode("Neg", {resized}, {y});
  g.outputs = {y, out_view};
  MemoryPlan plan = PlanAndCheck(g);
  EXPECT_EQ(P(plan, from_input).placement, Placement::kArena);
  EXPECT_EQ(P(plan, resized).placement, Placement::kArena);
  EXPECT_EQ(P(plan, out_view).placement, Placement::kOutput);
  EXPECT_EQ(P(plan, out_view).index, 1);
  EXPECT_EQ(P(plan, y).index, 0);
}

TEST(MemoryPlan, InputsOutputsAndWeights) {
  Graph g;
  Value* x0 = In(g, "x0", 10);
  Value* x1 = In(g, "x1", 10);
  Value* w0 = Const(g, "w0", 3);    // 12 bytes
  Value* w1 = Const(g, "w1", 100);  // 400 bytes
  Value* unused = Const(g, "unused", 5);
  Value* a = Val(g, "a", 10);
  Value* y0 = Val(g, "y0", 10);
  Value* y1 = Val(g, "y1", 10);
  g.AddNode("Conv", {x0, w0, w1}, {a});
  g.AddNode("Add", {a, x1}, {y1});
  g.AddNode("Mul", {a, w1}, {y0});  // w1 used twice: placed once
  g.outputs = {y0, y1};
  MemoryPlan plan = PlanAndCheck(g);
  EXPECT_EQ(P(plan, x0).index, 0);
  EXPECT_EQ(P(plan, x1).index, 1);
  EXPECT_EQ(P(plan, y0).index, 0);
  EXPECT_EQ(P(plan, y1).index, 1);
  EXPECT_EQ(P(plan, w0).offset, 0u);
  EXPECT_EQ(P(plan, w1).offset, 64u);
  EXPECT_EQ(plan.weight_size, 64u + AlignUp(400));
  EXPECT_EQ(plan.values.count(unused), 0u);
  EXPECT_EQ(P(plan, a).placement, Placement::kArena);
}

TEST(MemoryPlan, ScratchFollowsTheValues) {
  Graph g;
  Value* x = In(g, "x", 10);
  Value* a = Val(g, "a", 10);
  Value* y = Val(g, "y", 10);
  g.AddNode("Relu", {x}, {a});
  g.AddNode("Relu", {a}, {y});
  g.outputs.push_back(y);
  MemoryPlan plan = PlanAndCheck(g, 100);
  EXPECT_EQ(plan.scratch_offset, 64u);
  EXPECT_EQ(plan.scratch_size, 128u);
  EXPECT_EQ(plan.arena_size, 192u);
}

TEST(MemoryPlan, MultiOutputNodeAndUnusedOutputs) {
  Graph g;
  Value* x = In(g, "x", 20);
  Value* s0 = Val(g, "s0", 10);
  Value* s1 = Val(g, "s1", 10);
  Value* empty = Val(g, "empty", 0);
  Value* y = Val(g, "y", 10);
  g.AddNode("Split", {x}, {s0, nullptr, s1, empty});
  g.AddNode("Relu", {s1}, {y});
  g.outputs.push_back(y);
  MemoryPlan plan = PlanAndCheck(g);
  EXPECT_EQ(P(plan, s0).placement, Placement::kArena);
  EXPECT_EQ(P(plan, empty).nbytes, 0u);
  EXPECT_NE(P(plan, s0).offset, P(plan, s1).offset);
}

TEST(MemoryPlan, NoNodesIsFine) {
  Graph g;
  In(g, "x", 4);
  MemoryPlan plan = PlanAndCheck(g);
  EXPECT_EQ(plan.arena_size, 0u);
  EXPECT_EQ(plan.weight_size, 0u);
}

// The checker itself must catch broken plans, or the tests above prove nothing.
TEST(MemoryPlan, CheckerCatchesCorruptedPlans) {
  Graph g;
  Value* x = In(g, "x", 16);
  Value* w = Const(g, "w", 16);
  Value* w2 = Const(g, "w2", 16);
  Value* a = Val(g, "a", 16);
  Value* b = Val(g, "b", 16);
  Value* v = Val(g, "v", 16);
  Value* y = Val(g, "y", 16);
  g.AddNode("Add", {x, w}, {a});
  g.AddNode("Add", {a, w2}, {b});
  g.AddNode("Reshape", {a}, {v});
  g.AddNode("Add", {b, v}, {y});
  g.outputs.push_back(y);
  MemoryPlan good = PlanAndCheck(g);
  auto corrupt = [&](auto edit) {
    MemoryPlan p = good;
    edit(p);
    return plan_check::CheckPlan(g, p, 0).size();
  };
  EXPECT_GT(corrupt([&](MemoryPlan& p) { p.values[b].offset = p.values[a].offset; }), 0u);
  EXPECT_GT(corrupt([&](MemoryPlan& p) { p.values[b].offset += 4; }), 0u);
  EXPECT_GT(corrupt([&](MemoryPlan& p) { p.values[v].offset = p.values[b].offset; }), 0u);
  EXPECT_GT(corrupt([&](MemoryPlan& p) { p.values[v].placement = Placement::kArena; }), 0u);
  EXPECT_GT(corrupt([&](MemoryPlan& p) { p.values[w2].offset = p.values[w].offset; }), 0u);
  EXPECT_GT(corrupt([&](MemoryPlan& p) { p.values[x].index = 1; }), 0u);
  EXPECT_GT(corrupt([&](MemoryPlan& p) { p.values.erase(a); }), 0u);
  EXPECT_GT(corrupt([&](MemoryPlan& p) { p.arena_size = p.scratch_offset = 64; }), 0u);
  EXPECT_GT(corrupt([&](MemoryPlan& p) { p.arena_size += 10 * 64; }), 0u);
}

TEST(MemoryPlan, OutputsThatNeedACopyAreRejected) {
  {
    Graph g;
    Value* x = In(g, "x", 4);
    g.outputs.push_back(x);
    auto plan = PlanMemory(g, 0);
    ASSERT_FALSE(plan.ok());
    EXPECT_NE(plan.status().message().find("'x'"), std::string::npos);
  }
  {
    Graph g;
    In(g, "x", 4);
    g.outputs.push_back(Const(g, "k", 4));
    EXPECT_FALSE(PlanMemory(g, 0).ok());
  }
  {
    Graph g;
    Value* x = In(g, "x", 4);
    Value* y = Val(g, "y", 4);
    g.AddNode("Relu", {x}, {y});
    g.outputs = {y, y};
    EXPECT_FALSE(PlanMemory(g, 0).ok());
  }
}

// Constants sharing their bytes (a weight seen through folded Identity / Reshape views) take
// one place in the weight section; distinct constants of equal size do not.
TEST(MemoryPlan, SharedWeightBytesArePlacedOnce) {
  Graph g;
  Value* x = In(g, "x", 16);
  Tensor w(DType::kFloat32, {16});
  Value* w1 = g.AddConstant("w1", w);
  Value* w2 = g.AddConstant("w2", w.Reshaped({4, 4}));
  Value* w3 = Const(g, "w3", 16);
  Value* a = Val(g, "a", 16);
  Value* b = Val(g, "b", 16);
  Value* y = Val(g, "y", 16);
  g.AddNode("Add", {x, w1}, {a});
  g.AddNode("Add", {a, w2}, {b});
  g.AddNode("Add", {b, w3}, {y});
  g.outputs.push_back(y);
  MemoryPlan plan = PlanAndCheck(g);
  EXPECT_EQ(P(plan, w1).offset, P(plan, w2).offset);
  EXPECT_NE(P(plan, w1).offset, P(plan, w3).offset);
  EXPECT_EQ(plan.weight_size, 2 * AlignUp(64));
}

}  // namespace
}  // namespace openacl
