// PlanMemory on random DAGs (mixing compute ops, view ops, multi-output nodes, constants,
// zero-size and odd-size values): every plan must pass the independent checker.
#include <gtest/gtest.h>

#include <random>

#include "planner/memory_plan.h"
#include "unit/planner/plan_check_util.h"

namespace openacl {
namespace {

Value* NewValue(Graph& g, const std::string& name, int64_t elems, DType dtype) {
  Value* v = g.AddValue(name);
  v->dtype = dtype;
  v->shape = {elems};
  v->has_shape = true;
  return v;
}

std::unique_ptr<Graph> RandomGraph(std::mt19937& rng) {
  static const char* kOps[] = {"Relu",    "Add",       "Conv",     "Reshape", "Flatten",
                               "Squeeze", "Unsqueeze", "Identity", "Split",   "Concat"};
  static const DType kTypes[] = {DType::kFloat32, DType::kFloat16, DType::kInt8, DType::kInt64};
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint32_t>(n)); };
  auto elems = [&]() -> int64_t {
    int r = pick(10);
    return r == 0 ? 0 : r < 3 ? 1 + pick(8) : 1 + pick(700);
  };
  auto g = std::make_unique<Graph>();
  std::vector<Value*> pool;
  int n_inputs = 1 + pick(3);
  for (int i = 0; i < n_inputs; ++i) {
    Value* v = NewValue(*g, "in" + std::to_string(i), elems(), kTypes[pick(4)]);
    g->inputs.push_back(v);
    pool.push_back(v);
  }
  for (int i = 0, nc = pick(4); i < nc; ++i) {
    DType t = kTypes[pick(4)];
    pool.push_back(g->AddConstant("w" + std::to_string(i), Tensor(t, {elems()})));
  }
  int n_nodes = 1 + pick(40);
  std::vector<Value*> produced;
  for (int i = 0; i < n_nodes; ++i) {
    std::string op = kOps[pick(10)];
    int n_in = 1 + pick(3);
    std::vector<Value*> ins;
    for (int k = 0; k < n_in; ++k) {
      // Prefer recent values so lifetimes vary; sometimes an omitted optional input.
      if (k > 0 && pick(8) == 0) {
        ins.push_back(nullptr);
        continue;
      }
      int idx = pick(4) == 0 ? pick(static_cast<int>(pool.size()))
                             : static_cast<int>(pool.size()) - 1 -
                                   pick(std::min<int>(4, static_cast<int>(pool.size())));
      ins.push_back(pool[idx]);
    }
    int n_out = op == "Split" ? 2 + pick(2) : 1;
    std::vector<Value*> outs;
    for (int k = 0; k < n_out; ++k) {
      if (k > 0 && pick(4) == 0) {
        outs.push_back(nullptr);
        continue;
      }
      int64_t n = elems();
      DType t = kTypes[pick(4)];
      bool view = op == "Reshape" || op == "Flatten" || op == "Squeeze" || op == "Unsqueeze" ||
                  op == "Identity";
      if (k == 0 && view && ins[0] && pick(5) != 0) {  // usually a true view: same bytes
        t = ins[0]->dtype;
        n = NumElements(ins[0]->shape);
      }
      Value* v = NewValue(*g, "v" + std::to_string(i) + "_" + std::to_string(k), n, t);
      outs.push_back(v);
      pool.push_back(v);
      produced.push_back(v);
    }
    g->AddNode(op, ins, outs, "n" + std::to_string(i));
  }
  // Outputs: the last produced value plus a random subset (each once).
  g->outputs.push_back(produced.back());
  for (size_t i = 0; i + 1 < produced.size(); ++i)
    if (pick(6) == 0) g->outputs.push_back(produced[i]);
  return g;
}

TEST(MemoryPlanRandom, ThousandGraphsSatisfyInvariants) {
  std::mt19937 rng(12345);
  int total_aliases = 0, total_reuse = 0;
  for (int iter = 0; iter < 1000; ++iter) {
    auto g = RandomGraph(rng);
    uint64_t scratch = rng() % 3 == 0 ? 0 : rng() % 5000;
    auto plan = PlanMemory(*g, scratch);
    ASSERT_TRUE(plan.ok()) << "graph " << iter << ": " << plan.status().message();
    std::vector<std::string> errors = plan_check::CheckPlan(*g, *plan, scratch);
    for (const std::string& e : errors) ADD_FAILURE() << "graph " << iter << ": " << e;
    if (!errors.empty()) break;
    for (const auto& kv : plan->values) total_aliases += kv.second.placement == Placement::kAlias;
    total_reuse += plan->scratch_offset < plan_check::SumOfArenaRoots(*g);
  }
  // The generator must actually exercise aliasing and reuse, or the test proves little.
  EXPECT_GT(total_aliases, 100);
  EXPECT_GT(total_reuse, 100);
}

}  // namespace
}  // namespace openacl
