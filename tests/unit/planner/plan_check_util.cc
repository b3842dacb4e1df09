#include "unit/planner/plan_check_util.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

namespace openacl {
namespace plan_check {
namespace {

bool IsView(const std::string& op) {
  return op == "Reshape" || op == "Flatten" || op == "Squeeze" || op == "Unsqueeze" ||
         op == "Identity";
}

struct Life {
  const Value* root = nullptr;
  int start = 0;
  int end = 0;
};

struct Analysis {
  std::set<const Value*> io;
  std::set<const Value*> weights;
  std::map<const Value*, const Value*> root;  // arena value -> its root (itself if not a view)
  std::map<const Value*, Life> life;          // roots only
};

Analysis Analyze(const Graph& graph) {
  Analysis a;
  a.io.insert(graph.inputs.begin(), graph.inputs.end());
  a.io.insert(graph.outputs.begin(), graph.outputs.end());
  const auto& nodes = graph.nodes();
  for (int pos = 0; pos < static_cast<int>(nodes.size()); ++pos) {
    const Node* n = nodes[pos].get();
    for (const Value* in : n->inputs) {
      if (!in) continue;
      if (in->is_constant() && !a.io.count(in)) a.weights.insert(in);
      auto r = a.root.find(in);
      if (r != a.root.end()) a.life[r->second].end = std::max(a.life[r->second].end, pos);
    }
    for (size_t k = 0; k < n->outputs.size(); ++k) {
      const Value* o = n->outputs[k];
      if (!o || a.io.count(o) || a.weights.count(o)) continue;
      const Value* src = n->input(0);
      if (k == 0 && IsView(n->op_type) && src && a.root.count(src) &&
          src->nbytes() == o->nbytes()) {
        a.root[o] = a.root[src];
        continue;
      }
      a.root[o] = o;
      a.life[o] = {o, pos, pos};
    }
  }
  return a;
}

int IndexOf(const Graph& graph, const Value* v) {
  for (size_t i = 0; i < graph.values().size(); ++i)
    if (graph.values()[i].get() == v) return static_cast<int>(i);
  return -1;
}

}  // namespace

std::vector<std::string> CheckPlan(const Graph& graph, const MemoryPlan& plan,
                                   uint64_t scratch_bytes) {
  std::vector<std::string> errors;
  auto fail = [&](const std::string& m) { errors.push_back(m); };
  Analysis a = Analyze(graph);
  auto find = [&](const Value* v) -> const ValuePlan* {
    auto it = plan.values.find(v);
    return it == plan.values.end() ? nullptr : &it->second;
  };

  for (size_t i = 0; i < graph.inputs.size(); ++i) {
    const ValuePlan* p = find(graph.inputs[i]);
    if (!p || p->placement != Placement::kInput || p->index != static_cast<int>(i))
      fail("input " + std::to_string(i) + " '" + graph.inputs[i]->name + "' not kInput/" +
           std::to_string(i));
  }
  for (size_t i = 0; i < graph.outputs.size(); ++i) {
    const ValuePlan* p = find(graph.outputs[i]);
    if (!p || p->placement != Placement::kOutput || p->index != static_cast<int>(i))
      fail("output " + std::to_string(i) + " '" + graph.outputs[i]->name + "' not kOutput/" +
           std::to_string(i));
  }
  // Weights: placed, aligned, inside weight_size, pairwise disjoint, except constants sharing
  // the same bytes, which may share one place (counted once).
  std::vector<std::pair<uint64_t, uint64_t>> weight_ranges;
  std::map<std::pair<uint64_t, uint64_t>, const void*> bytes_at;
  for (const Value* w : a.weights) {
    const ValuePlan* p = find(w);
    if (!p || p->placement != Placement::kWeight) {
      fail("constant '" + w->name + "' is not kWeight");
      continue;
    }
    if (p->offset % kPlanAlignment) fail("weight '" + w->name + "' misaligned");
    if (p->offset + w->nbytes() > plan.weight_size) fail("weight '" + w->name + "' past end");
    if (p->nbytes != w->nbytes()) fail("weight '" + w->name + "' nbytes wrong");
    if (w->nbytes() == 0) continue;
    std::pair<uint64_t, uint64_t> range{p->offset, p->offset + w->nbytes()};
    auto same = bytes_at.find(range);
    if (same != bytes_at.end()) {
      if (same->second != w->constant->data() || !same->second)
        fail("weight '" + w->name + "' shares a place with other bytes");
      continue;
    }
    bytes_at[range] = w->constant->data();
    weight_ranges.push_back(range);
  }
  std::sort(weight_ranges.begin(), weight_ranges.end());
  for (size_t i = 1; i < weight_ranges.size(); ++i)
    if (weight_ranges[i].first < weight_ranges[i - 1].second) fail("weights overlap");

  // Arena values and aliases.
  if (plan.scratch_offset % kPlanAlignment) fail("scratch misaligned");
  if (plan.scratch_size < scratch_bytes) fail("scratch too small");
  if (plan.scratch_offset + plan.scratch_size > plan.arena_size) fail("scratch past arena end");
  for (const auto& kv : a.root) {
    const Value* v = kv.first;
    const Value* r = kv.second;
    const ValuePlan* p = find(v);
    if (!p) {
      fail("value '" + v->name + "' has no placement");
      continue;
    }
    if (p->nbytes != v->nbytes()) fail("value '" + v->name + "' nbytes wrong");
    if (v == r) {
      if (p->placement != Placement::kArena) fail("value '" + v->name + "' should be kArena");
      if (p->offset % kPlanAlignment) fail("value '" + v->name + "' misaligned");
      if (p->offset + v->nbytes() > plan.scratch_offset)
        fail("value '" + v->name + "' runs into scratch / past the arena");
    } else {
      const ValuePlan* rp = find(r);
      if (p->placement != Placement::kAlias) fail("view '" + v->name + "' should be kAlias");
      if (!rp || p->offset != rp->offset) fail("view '" + v->name + "' offset != root's");
      if (p->index != IndexOf(graph, r)) fail("view '" + v->name + "' index != root's index");
    }
  }
  // Values planned that the checker does not know about would be surprising: report them.
  for (const auto& kv : plan.values) {
    const Value* v = kv.first;
    if (!a.io.count(v) && !a.weights.count(v) && !a.root.count(v))
      fail("unexpected planned value '" + v->name + "'");
  }
  // No two roots whose lifetimes overlap share bytes.
  std::vector<const Life*> lives;
  for (const auto& kv : a.life) lives.push_back(&kv.second);
  for (size_t i = 0; i < lives.size(); ++i)
    for (size_t j = i + 1; j < lives.size(); ++j) {
      const Life& x = *lives[i];
      const Life& y = *lives[j];
      if (x.end < y.start || y.end < x.start) continue;
      const ValuePlan* px = find(x.root);
      const ValuePlan* py = find(y.root);
      if (!px || !py) continue;
      uint64_t xe = px->offset + std::max<uint64_t>(x.root->nbytes(), 1);
      uint64_t ye = py->offset + std::max<uint64_t>(y.root->nbytes(), 1);
      if (px->offset < ye && py->offset < xe) {
        std::ostringstream ss;
        ss << "'" << x.root->name << "' [" << x.start << "," << x.end << "] @" << px->offset
           << " overlaps '" << y.root->name << "' [" << y.start << "," << y.end << "] @"
           << py->offset;
        fail(ss.str());
      }
    }
  // Bounds.
  uint64_t upper = SumOfArenaRoots(graph) + AlignUp(scratch_bytes);
  if (plan.arena_size > upper)
    fail("arena " + std::to_string(plan.arena_size) + " > trivial bound " + std::to_string(upper));
  uint64_t lower = MaxLiveBytes(graph);
  if (plan.scratch_offset < lower)
    fail("arena values " + std::to_string(plan.scratch_offset) + " < max live bytes " +
         std::to_string(lower));
  return errors;
}

uint64_t MaxLiveBytes(const Graph& graph) {
  Analysis a = Analyze(graph);
  uint64_t best = 0;
  for (int pos = 0; pos < static_cast<int>(graph.nodes().size()); ++pos) {
    uint64_t live = 0;
    for (const auto& kv : a.life)
      if (kv.second.start <= pos && pos <= kv.second.end) live += kv.first->nbytes();
    best = std::max(best, live);
  }
  return best;
}

uint64_t SumOfArenaRoots(const Graph& graph) {
  Analysis a = Analyze(graph);
  uint64_t sum = 0;
  for (const auto& kv : a.life) sum += AlignUp(std::max<uint64_t>(kv.first->nbytes(), 1));
  return sum;
}

}  // namespace plan_check
}  // namespace openacl
