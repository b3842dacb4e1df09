// Keeps activations between oneDNN kernels in oneDNN's channel-blocked layout (nChw16c on
// AVX-512, nChw8c on AVX2), so conv -> conv / pool chains run without per-node reorders; the
// reorders that remain sit at the edges, inside the first/last layout-aware kernel (its plain
// input or output). The contract is in kernels/onednn/layout_attrs.h.
//
// A value is blocked when: fp32, 4-D, static, C % block == 0 (byte size unchanged, so the
// memory plan stays honest), not a graph input/output or constant, produced as output 0 of a
// layout-aware node, and read only at layout-aware input slots. Layout-aware = the node will run
// the oneDNN kernel and is a Conv (X and the fused residual) or a pooling op (X).
#include <map>
#include <set>

#include "kernels/kernel_registry.h"
#include "kernels/onednn/layout_attrs.h"
#include "compiler/layout_blocked.h"

namespace openacl {
namespace {

struct LayoutCaps {
  std::set<size_t> inputs;  // input slots that may be blocked
  bool output0 = false;
};

bool IsPool(const std::string& op) {
  return op == "MaxPool" || op == "AveragePool" || op == "GlobalAveragePool" ||
         op == "GlobalMaxPool";
}

bool Caps(const Node& n, LayoutCaps* caps) {
  if (!n.input(0) || n.input(0)->shape.size() != 4) return false;
  if (n.op_type == "Conv") {
    caps->inputs = {0};
    if (n.attrs.get_int("fused_sum", 0) == 1 && n.inputs.size() > 3) caps->inputs.insert(3);
  } else if (IsPool(n.op_type)) {
    for (size_t i = 1; i < n.outputs.size(); ++i)
      if (n.outputs[i]) return false;
    caps->inputs = {0};
  } else {
    return false;
  }
  caps->output0 = true;
  return ChooseKernel(n) == "onednn";
}

bool Blockable(const Graph& graph, const Value* v, int block) {
  if (!v || v->is_constant() || v->dtype != DType::kFloat32 || v->shape.size() != 4 ||
      !IsStatic(v->shape) || graph.IsGraphOutput(v) || graph.IsGraphInput(v))
    return false;
  return v->shape[1] > 0 && v->shape[1] % block == 0;
}

}  // namespace

Status AssignBlockedLayouts(Graph& graph) {
  int block = onednn::PreferredChannelBlock();
  if (block == 0) return Status::Ok();
  std::map<const Node*, LayoutCaps> caps;
  for (const auto& n : graph.nodes()) {
    LayoutCaps c;
    if (Caps(*n, &c)) caps[n.get()] = c;
  }
  std::map<Node*, std::set<int64_t>> blocked_in;
  std::set<Node*> blocked_out;
  for (const auto& n : graph.nodes()) {
    Node* producer = n.get();
    auto pc = caps.find(producer);
    if (pc == caps.end() || !pc->second.output0) continue;
    Value* v = producer->output(0);
    if (!Blockable(graph, v, block)) continue;
    std::vector<Node*> consumers = graph.Consumers(v);
    if (consumers.empty()) continue;
    bool ok = true;
    for (Node* c : consumers) {
      auto cc = caps.find(c);
      for (size_t i = 0; ok && i < c->inputs.size(); ++i)
        if (c->inputs[i] == v && (cc == caps.end() || !cc->second.inputs.count(i))) ok = false;
      if (!ok) break;
    }
    if (!ok) continue;
    blocked_out.insert(producer);
    for (Node* c : consumers)
      for (size_t i = 0; i < c->inputs.size(); ++i)
        if (c->inputs[i] == v) blocked_in[c].insert(static_cast<int64_t>(i));
  }
  std::set<Node*> touched(blocked_out.begin(), blocked_out.end());
  for (auto& kv : blocked_in) touched.insert(kv.first);
  for (Node* n : touched) {
    n->attrs.set("layout_block", Attribute::Int(block));
    auto in = blocked_in.find(n);
    if (in != blocked_in.end())
      n->attrs.set("blocked_inputs",
                   Attribute::Ints(std::vector<int64_t>(in->second.begin(), in->second.end())));
    if (blocked_out.count(n)) n->attrs.set("blocked_outputs", Attribute::Ints({0}));
  }
  return Status::Ok();
}

}  // namespace openacl
