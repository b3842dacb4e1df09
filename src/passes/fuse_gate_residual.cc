// Residual squeeze-excitation gate (PP-OCR RSE layers):  y = x + x * g  ->  y = x * (g + 1),
// where g is produced by a Conv/Gemm/MatMul with a fused activation (typically HardSigmoid of
// the SE branch): the +1 goes into that node's fused_post_shift, and the Add disappears (one
// pass over the large feature map instead of two). Requires: the Mul has operands x and g in
// either order, g feeds only the Mul, the Mul's output feeds only the Add, the Add's other
// operand is x itself, and the Add's output has the Mul's shape and dtype.
// Runs after FuseActivation (the post-shift must come after the activation).
#include "passes/fusion_util.h"
#include "passes/pass_manager.h"

namespace openacl {
namespace {

bool FuseAt(Graph& graph, Node* mul) {
  if (mul->op_type != "Mul" || mul->inputs.size() != 2 || mul->outputs.size() != 1) return false;
  Value* prod = mul->outputs[0];
  if (!prod || !SingleUseOutput(graph, prod)) return false;
  Node* add = graph.Consumers(prod)[0];
  if (add->op_type != "Add" || add->outputs.size() != 1 || !add->outputs[0]) return false;
  Value* x = OtherInput(add, prod);
  if (!x) return false;
  Value* g = OtherInput(mul, x);
  if (!g || !g->producer || !OnlyUsedBy(graph, g, mul)) return false;
  Node* gate = g->producer;
  if (!IsFusableProducer(gate) || !gate->attrs.has("fused_activation")) return false;
  Value* y = add->outputs[0];
  if (y->shape != prod->shape || y->dtype != prod->dtype || x->dtype != prod->dtype) return false;
  float shift = gate->attrs.get_float("fused_post_shift", 0.0f);
  if (!gate->attrs.has("fused_post_scale"))
    gate->attrs.set("fused_post_scale", Attribute::Float(1.0f));
  gate->attrs.set("fused_post_shift", Attribute::Float(shift + 1.0f));
  graph.RemoveNode(add);
  mul->outputs[0] = y;
  y->producer = mul;
  return true;
}

}  // namespace

Status FuseGateResidual(Graph& graph) {
  std::vector<Node*> muls;
  for (const auto& n : graph.nodes())
    if (n->op_type == "Mul") muls.push_back(n.get());
  for (Node* m : muls) FuseAt(graph, m);
  graph.RemoveDeadNodes();
  return Status::Ok();
}

}  // namespace openacl
