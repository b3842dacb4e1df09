// Removes Identity and inference-mode Dropout nodes by rewiring their consumers.
#include "passes/pass_manager.h"

namespace openacl {

Status EliminateIdentities(Graph& graph) {
  std::vector<Node*> removable;
  for (const auto& n : graph.nodes()) {
    bool identity = n->op_type == "Identity";
    bool dropout = n->op_type == "Dropout" && (n->outputs.size() < 2 || !n->outputs[1] ||
                                               graph.Consumers(n->outputs[1]).empty());
    if (!identity && !dropout) continue;
    if (dropout && n->outputs.size() > 1 && n->outputs[1] && graph.IsGraphOutput(n->outputs[1]))
      continue;
    Value* in = n->input(0);
    Value* out = n->output(0);
    if (!in || !out || graph.IsGraphOutput(out)) continue;
    removable.push_back(n.get());
  }
  for (Node* n : removable) {
    Value* in = n->inputs[0];
    Value* out = n->outputs[0];
    graph.RemoveNode(n);
    graph.ReplaceAllUses(out, in);
  }
  return Status::Ok();
}

}  // namespace openacl
