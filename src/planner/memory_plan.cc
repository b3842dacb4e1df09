#include "planner/memory_plan.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace openacl {
namespace {

struct Interval {
  const Value* value;
  uint64_t size;
  int start;
  int end;
  uint64_t offset = 0;
};

// Lowest offset where `item` fits beside every placed interval whose lifetime overlaps.
uint64_t FindOffset(const Interval& item, const std::vector<const Interval*>& placed) {
  std::vector<const Interval*> live;
  for (const Interval* p : placed)
    if (p->start <= item.end && item.start <= p->end) live.push_back(p);
  std::sort(live.begin(), live.end(),
            [](const Interval* a, const Interval* b) { return a->offset < b->offset; });
  uint64_t candidate = 0;
  for (const Interval* p : live) {
    if (candidate + item.size <= p->offset) break;
    candidate = std::max(candidate, AlignUp(p->offset + p->size));
  }
  return candidate;
}

}  // namespace

bool IsViewOp(const std::string& op_type) {
  return op_type == "Reshape" || op_type == "Flatten" || op_type == "Squeeze" ||
         op_type == "Unsqueeze" || op_type == "Identity";
}

// Weights: constants used by nodes, packed in order of first use.
// Constants sharing their bytes (folded views of one weight) share one place.
static void PlanWeights(const Graph& graph, MemoryPlan* plan) {
  uint64_t weight_offset = 0;
  std::map<std::pair<const void*, uint64_t>, uint64_t> placed;  // (bytes, size) -> offset
  for (const auto& n : graph.nodes())
    for (const Value* in : n->inputs) {
      if (!in || !in->is_constant() || plan->values.count(in)) continue;
      const void* bytes = in->constant->data();
      auto key = std::make_pair(bytes, static_cast<uint64_t>(in->nbytes()));
      auto it = bytes ? placed.find(key) : placed.end();
      if (it != placed.end()) {
        plan->values[in] = {Placement::kWeight, it->second, -1, in->nbytes()};
        continue;
      }
      plan->values[in] = {Placement::kWeight, weight_offset, -1, in->nbytes()};
      if (bytes) placed[key] = weight_offset;
      weight_offset = AlignUp(weight_offset + in->nbytes());
    }
  plan->weight_size = weight_offset;
}

Result<MemoryPlan> PlanWeightsAndIO(const Graph& graph) {
  MemoryPlan plan;
  for (size_t i = 0; i < graph.inputs.size(); ++i)
    plan.values[graph.inputs[i]] = {Placement::kInput, 0, static_cast<int32_t>(i),
                                    graph.inputs[i]->nbytes()};
  for (size_t i = 0; i < graph.outputs.size(); ++i) {
    const Value* v = graph.outputs[i];
    if (plan.values.count(v) || v->is_constant())
      return Internal("graph output '" + v->name +
                      "' is an input, a constant or listed twice; the compiler must copy it");
    plan.values[v] = {Placement::kOutput, 0, static_cast<int32_t>(i),
                      v->has_shape && IsStatic(v->shape) ? v->nbytes() : 0};
  }
  PlanWeights(graph, &plan);
  return plan;
}

Result<MemoryPlan> PlanMemory(const Graph& graph, uint64_t scratch_bytes) {
  ASSIGN_OR_RETURN(MemoryPlan plan, PlanWeightsAndIO(graph));
  std::unordered_map<const Value*, int> index_of;
  for (size_t i = 0; i < graph.values().size(); ++i)
    index_of[graph.values()[i].get()] = static_cast<int>(i);

  // Arena values: lifetimes over node positions; views alias their root.
  std::unordered_map<const Value*, const Value*> root;
  std::unordered_map<const Value*, Interval> intervals;
  const auto& nodes = graph.nodes();
  for (int pos = 0; pos < static_cast<int>(nodes.size()); ++pos) {
    const Node* n = nodes[pos].get();
    for (const Value* in : n->inputs) {
      if (!in) continue;
      auto r = root.find(in);
      if (r != root.end()) intervals[r->second].end = std::max(intervals[r->second].end, pos);
    }
    for (size_t k = 0; k < n->outputs.size(); ++k) {
      const Value* o = n->outputs[k];
      if (!o || plan.values.count(o)) continue;
      const Value* src = n->input(0);
      if (k == 0 && IsViewOp(n->op_type) && src && root.count(src) && o->nbytes() == src->nbytes()) {
        root[o] = root[src];
        continue;
      }
      root[o] = o;
      intervals[o] = {o, AlignUp(std::max<uint64_t>(o->nbytes(), 1)), pos, pos};
    }
  }
  std::vector<Interval*> order;
  for (auto& kv : intervals) order.push_back(&kv.second);
  std::sort(order.begin(), order.end(), [&](const Interval* a, const Interval* b) {
    if (a->size != b->size) return a->size > b->size;
    return index_of[a->value] < index_of[b->value];  // deterministic
  });
  std::vector<const Interval*> placed;
  uint64_t arena_end = 0;
  for (Interval* it : order) {
    it->offset = FindOffset(*it, placed);
    placed.push_back(it);
    arena_end = std::max(arena_end, it->offset + it->size);
  }
  for (auto& kv : root) {
    const Value* v = kv.first;
    const Interval& iv = intervals[kv.second];
    if (kv.second == v)
      plan.values[v] = {Placement::kArena, iv.offset, -1, v->nbytes()};
    else
      plan.values[v] = {Placement::kAlias, iv.offset, index_of[kv.second], v->nbytes()};
  }
  plan.scratch_offset = AlignUp(arena_end);
  plan.scratch_size = AlignUp(scratch_bytes);
  plan.arena_size = plan.scratch_offset + plan.scratch_size;
  return plan;
}

}  // namespace openacl
