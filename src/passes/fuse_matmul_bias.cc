// MatMul -> Add(constant bias of shape [N] or [1..,N]) -> MatMul with fused_bias=1 and the bias
// as input 2.
#include <algorithm>

#include "passes/fusion_util.h"
#include "passes/pass_manager.h"

namespace openacl {

Status FuseMatMulBias(Graph& graph) {
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& n : graph.nodes()) {
      Node* mm = n.get();
      if (mm->op_type != "MatMul" || !IsFusableProducer(mm) || mm->attrs.has("fused_bias") ||
          mm->inputs.size() != 2)
        continue;
      Value* out = mm->outputs[0];
      if (!SingleUseOutput(graph, out) || out->shape.empty()) continue;
      Node* add = graph.Consumers(out)[0];
      if (add->op_type != "Add" || add->inputs.size() != 2) continue;
      Value* bias = add->input(0) == out ? add->input(1) : add->input(0);
      if (!bias || bias == out || !bias->is_constant() || bias->dtype != DType::kFloat32) continue;
      int64_t n_cols = out->shape.back();
      if (bias->constant->num_elements() != n_cols) continue;
      // Only a row bias ([N], [1,N], [1,1,N]...) is one value per column.
      bool row_bias = !bias->shape.empty() && bias->shape.back() == n_cols;
      for (size_t d = 0; d + 1 < bias->shape.size(); ++d) row_bias &= bias->shape[d] == 1;
      if (!row_bias) continue;
      if (add->outputs[0]->shape != out->shape) continue;
      Tensor bias_1d(bias->dtype, {n_cols});
      std::copy(bias->constant->data_as<uint8_t>(),
                bias->constant->data_as<uint8_t>() + bias->constant->nbytes(),
                static_cast<uint8_t*>(bias_1d.mutable_data()));
      Value* flat = graph.AddConstant(graph.UniqueName(bias->name + "_1d"), std::move(bias_1d));
      mm->inputs.push_back(flat);
      mm->attrs.set("fused_bias", Attribute::Int(1));
      AbsorbConsumer(graph, mm, add);
      changed = true;
      break;
    }
  }
  return Status::Ok();
}

}  // namespace openacl
