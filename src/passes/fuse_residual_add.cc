// Conv -> Add(other) with `other` of the same shape -> Conv with fused_sum=1 and `other` as an
// extra trailing input (a oneDNN sum post-op). Runs before activation fusion so that
// Conv -> Add -> Relu becomes one node (sum, then activation).
#include "passes/fusion_util.h"
#include "passes/pass_manager.h"

namespace openacl {

Status FuseResidualAdd(Graph& graph) {
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& n : graph.nodes()) {
      Node* conv = n.get();
      if (conv->op_type != "Conv" || !IsFusableProducer(conv) || conv->attrs.has("fused_sum") ||
          conv->attrs.has("fused_activation"))
        continue;
      Value* out = conv->outputs[0];
      if (!SingleUseOutput(graph, out)) continue;
      Node* add = graph.Consumers(out)[0];
      if (add->op_type != "Add" || add->inputs.size() != 2) continue;
      Value* other = add->input(0) == out ? add->input(1) : add->input(0);
      if (!other || other == out || other->dtype != out->dtype || other->shape != out->shape ||
          other->is_constant())
        continue;
      conv->inputs.resize(3, nullptr);  // X, W, B (maybe omitted), then the summand
      conv->inputs.push_back(other);
      conv->attrs.set("fused_sum", Attribute::Int(1));
      AbsorbConsumer(graph, conv, add);
      changed = true;
      break;
    }
  }
  return graph.TopoSort();
}

}  // namespace openacl
