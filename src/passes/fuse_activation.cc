// Conv/Gemm/MatMul followed by an activation -> fused_activation (+ fused_alpha/fused_beta),
// executed as a oneDNN post-op. See ops/common/fusion_attrs.h for the contract.
#include <limits>

#include "passes/fusion_util.h"
#include "passes/pass_manager.h"

namespace openacl {
namespace {

// Returns false if the activation can't be fused (e.g. Clip with non-constant bounds).
bool ActivationParams(const Node& act, float* alpha, float* beta) {
  const std::string& op = act.op_type;
  *alpha = 0.0f;
  *beta = 0.0f;
  if (op == "Relu" || op == "Sigmoid" || op == "Tanh" || op == "HardSwish") return true;
  if (op == "LeakyRelu") { *alpha = act.attrs.get_float("alpha", 0.01f); return true; }
  if (op == "Elu") { *alpha = act.attrs.get_float("alpha", 1.0f); return true; }
  if (op == "HardSigmoid") {
    *alpha = act.attrs.get_float("alpha", 0.2f);
    *beta = act.attrs.get_float("beta", 0.5f);
    return true;
  }
  if (op == "Gelu") return act.attrs.get_string("approximate", "none") == "none";
  if (op == "Clip") {
    *alpha = -std::numeric_limits<float>::infinity();
    *beta = std::numeric_limits<float>::infinity();
    if (act.opset < 11) {
      *alpha = act.attrs.get_float("min", *alpha);
      *beta = act.attrs.get_float("max", *beta);
      return true;
    }
    for (size_t i = 1; i <= 2; ++i) {
      const Value* v = act.input(i);
      if (!v) continue;
      if (!v->is_constant() || v->dtype != DType::kFloat32) return false;
      (i == 1 ? *alpha : *beta) = static_cast<float>(v->constant->GetAsDouble(0));
    }
    return true;
  }
  return false;
}

}  // namespace

Status FuseActivation(Graph& graph) {
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& n : graph.nodes()) {
      Node* producer = n.get();
      if (!IsFusableProducer(producer) || producer->attrs.has("fused_activation")) continue;
      Value* out = producer->outputs[0];
      if (!SingleUseOutput(graph, out)) continue;
      Node* act = graph.Consumers(out)[0];
      if (act->input(0) != out || act->outputs.size() != 1) continue;
      float alpha, beta;
      if (!ActivationParams(*act, &alpha, &beta)) continue;
      producer->attrs.set("fused_activation", Attribute::String(act->op_type));
      producer->attrs.set("fused_alpha", Attribute::Float(alpha));
      producer->attrs.set("fused_beta", Attribute::Float(beta));
      AbsorbConsumer(graph, producer, act);
      changed = true;
      break;
    }
  }
  return Status::Ok();
}

}  // namespace openacl
