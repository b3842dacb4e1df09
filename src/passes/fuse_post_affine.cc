// A Conv/Gemm/MatMul that already carries a fused activation, followed by Mul/Add/Sub/Div with a
// float32 scalar constant -> the step becomes the node's trailing linear post-op
// (fused_post_scale / fused_post_shift, see ops/common/fusion_attrs.h):
//   Mul(y, c): s*c, t*c     Add(y, c): t + c     Sub(y, c): t - c     Div(y, c): s/c, t/c
// (Mul/Add operands in either order; Sub/Div only with y first). Only nodes with an activation
// are considered: then the later fusion passes never add anything after the linear step, and a
// plain Conv's affine is folded into its weights by FoldConvAffine instead. The result must keep
// the node's output shape and dtype and y must feed only that step.
#include "passes/fusion_util.h"
#include "passes/pass_manager.h"

namespace openacl {
namespace {

bool FuseOne(Graph& graph, Node* producer) {
  if (!IsFusableProducer(producer) || !producer->attrs.has("fused_activation")) return false;
  Value* out = producer->outputs[0];
  if (!SingleUseOutput(graph, out)) return false;
  Node* op = graph.Consumers(out)[0];
  const std::string& t = op->op_type;
  if (t != "Mul" && t != "Add" && t != "Sub" && t != "Div") return false;
  if (op->outputs.size() != 1 || !op->outputs[0] || op->outputs[0]->shape != out->shape ||
      op->outputs[0]->dtype != out->dtype)
    return false;
  Value* cv = OtherInput(op, out);
  float c = 0;
  if (!ScalarConstFloat(cv, &c)) return false;
  if ((t == "Sub" || t == "Div") && op->input(0) != out) return false;
  if (t == "Div" && c == 0.0f) return false;
  float s = producer->attrs.get_float("fused_post_scale", 1.0f);
  float sh = producer->attrs.get_float("fused_post_shift", 0.0f);
  if (t == "Mul") {
    s *= c;
    sh *= c;
  } else if (t == "Div") {
    s /= c;
    sh /= c;
  } else {
    sh = t == "Add" ? sh + c : sh - c;
  }
  producer->attrs.set("fused_post_scale", Attribute::Float(s));
  producer->attrs.set("fused_post_shift", Attribute::Float(sh));
  AbsorbConsumer(graph, producer, op);
  return true;
}

}  // namespace

Status FusePostAffine(Graph& graph) {
  std::vector<Node*> producers;
  for (const auto& n : graph.nodes())
    if (IsFusableProducer(n.get())) producers.push_back(n.get());
  for (Node* p : producers)
    while (FuseOne(graph, p)) {
    }
  graph.RemoveDeadNodes();
  return Status::Ok();
}

}  // namespace openacl
