// Folds BatchNormalization (inference) into the preceding Conv (or group-1 ConvTranspose):
//   W'[o] = W[o] * s[o],  b'[o] = (b[o] - mean[o]) * s[o] + beta[o],  s = gamma / sqrt(var + eps)
#include <cmath>

#include "passes/pass_manager.h"

namespace openacl {
namespace {

bool AllConstFloat(const Node* n, size_t first, size_t last) {
  for (size_t i = first; i <= last; ++i) {
    const Value* v = n->input(i);
    if (!v || !v->is_constant() || v->dtype != DType::kFloat32) return false;
  }
  return true;
}

}  // namespace

Status FoldBatchNormIntoConv(Graph& graph) {
  std::vector<Node*> bns;
  for (const auto& n : graph.nodes())
    if (n->op_type == "BatchNormalization") bns.push_back(n.get());
  for (Node* bn : bns) {
    Value* x = bn->input(0);
    Node* conv = x ? x->producer : nullptr;
    bool transposed = conv && conv->op_type == "ConvTranspose";
    if (!conv || (conv->op_type != "Conv" && !transposed) || graph.IsGraphOutput(x) ||
        graph.Consumers(x).size() != 1 || bn->outputs.size() != 1)
      continue;
    if (bn->attrs.get_int("training_mode", 0) != 0 || !AllConstFloat(bn, 1, 4)) continue;
    Value* w = conv->input(1);
    Value* b = conv->input(2);
    if (!w || !w->is_constant() || w->dtype != DType::kFloat32) continue;
    if (b && (!b->is_constant() || b->dtype != DType::kFloat32)) continue;
    if (conv->attrs.has("fused_activation") || conv->attrs.has("fused_sum")) continue;
    // Conv W [M, C/g, k...]; ConvTranspose W [C, M/g, k...] (group 1 only): channel m's weights
    // are W[m] for Conv and W[:, m] for ConvTranspose.
    if (w->shape.size() < 2 || (transposed && conv->attrs.get_int("group", 1) != 1)) continue;
    int64_t out_ch = transposed ? w->shape[1] : w->shape[0];
    int64_t per_ch = w->constant->num_elements() / out_ch;
    int64_t outer = transposed ? w->shape[0] : 1;  // ConvTranspose: C blocks of [M, k...]
    int64_t inner = transposed ? per_ch / outer : per_ch;
    const float* gamma = bn->input(1)->constant->data_as<float>();
    const float* beta = bn->input(2)->constant->data_as<float>();
    const float* mean = bn->input(3)->constant->data_as<float>();
    const float* var = bn->input(4)->constant->data_as<float>();
    if (bn->input(1)->constant->num_elements() != out_ch) continue;
    float eps = bn->attrs.get_float("epsilon", 1e-5f);
    Tensor new_w(DType::kFloat32, w->shape);
    Tensor new_b(DType::kFloat32, {out_ch});
    const float* wd = w->constant->data_as<float>();
    float* nw = static_cast<float*>(new_w.mutable_data());
    float* nb = static_cast<float*>(new_b.mutable_data());
    for (int64_t o = 0; o < out_ch; ++o) {
      float s = gamma[o] / std::sqrt(var[o] + eps);
      for (int64_t c = 0; c < outer; ++c) {
        int64_t base = transposed ? (c * out_ch + o) * inner : o * per_ch;
        for (int64_t k = 0; k < inner; ++k) nw[base + k] = wd[base + k] * s;
      }
      float bias = b ? b->constant->data_as<float>()[o] : 0.0f;
      nb[o] = (bias - mean[o]) * s + beta[o];
    }
    Value* wv = graph.AddConstant(graph.UniqueName(w->name + "_bnfold"), std::move(new_w));
    Value* bv = graph.AddConstant(graph.UniqueName(conv->name + "_bias_bnfold"), std::move(new_b));
    conv->inputs.resize(3);
    conv->inputs[1] = wv;
    conv->inputs[2] = bv;
    Value* y = bn->outputs[0];
    graph.RemoveNode(bn);
    for (Value*& o : conv->outputs)
      if (o == x) o = y;
    y->producer = conv;
  }
  graph.RemoveDeadNodes();
  return Status::Ok();
}

}  // namespace openacl
