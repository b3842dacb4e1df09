// Folds a constant per-channel (or scalar) affine step that follows a Conv (or a group-1
// ConvTranspose, whose channel o is W[:, o]) into its weights and bias (PaddlePaddle exports
// "learnable affine blocks" and deconvolution biases this way):
//   Conv -> Mul(c)       W'[o] = W[o] * c[o],  B'[o] = B[o] * c[o]
//   Conv -> Div(c)       W'[o] = W[o] / c[o],  B'[o] = B[o] / c[o]   (conv output is the dividend)
//   Conv -> Add(c)       B'[o] = B[o] + c[o]
//   Conv -> Sub(c)       B'[o] = B[o] - c[o]                         (conv output is the minuend)
// c must be a float32 constant whose only non-1 dim (right-aligned against the output) is the
// channel dim, equal to the output channels; the result must keep the conv output's shape. The
// conv must have constant float32 weights/bias, no fusion attributes, and its output must feed
// only this node. Repeats until nothing changes, so Conv -> Mul -> Add folds fully.
#include "passes/fusion_util.h"
#include "passes/pass_manager.h"

namespace openacl {
namespace {

bool IsTransposed(const Node* conv) { return conv->op_type == "ConvTranspose"; }

// Output channels: Conv W [M, C/g, k...], group-1 ConvTranspose W [C, M, k...].
int64_t OutChannels(const Node* conv) { return conv->input(1)->shape[IsTransposed(conv) ? 1 : 0]; }

bool FoldableConv(const Graph& graph, const Node* conv) {
  if (!conv || (conv->op_type != "Conv" && !IsTransposed(conv)) || !IsFusableProducer(conv))
    return false;
  if (IsTransposed(conv) && conv->attrs.get_int("group", 1) != 1) return false;
  if (conv->attrs.has("fused_activation") || conv->attrs.has("fused_sum") ||
      conv->inputs.size() > 3)
    return false;
  const Value* w = conv->input(1);
  const Value* b = conv->input(2);
  if (!w || !w->is_constant() || w->dtype != DType::kFloat32 || w->shape.size() < 2) return false;
  if (b && (!b->is_constant() || b->dtype != DType::kFloat32 ||
            b->constant->num_elements() != OutChannels(conv)))
    return false;
  return SingleUseOutput(graph, conv->outputs[0]);
}

// Per-output-channel values of constant `c` broadcast against conv output `out` [N, C, ...];
// false if c varies along any other dim or would change the output shape.
bool PerChannel(const Value* c, const Value* out, std::vector<float>* vals) {
  if (!c || !c->is_constant() || c->dtype != DType::kFloat32 || out->shape.size() < 2) return false;
  const Shape& cs = c->shape;
  const Shape& os = out->shape;
  if (cs.size() > os.size()) return false;
  int64_t channels = os[1];
  size_t offset = os.size() - cs.size();
  bool varies = false;
  for (size_t i = 0; i < cs.size(); ++i) {
    size_t od = offset + i;
    if (cs[i] == 1) continue;
    if (od != 1 || cs[i] != channels) return false;
    varies = true;
  }
  const Tensor& t = *c->constant;
  vals->assign(static_cast<size_t>(channels), 0.0f);
  for (int64_t o = 0; o < channels; ++o)
    (*vals)[o] = static_cast<float>(t.GetAsDouble(varies ? o : 0));
  return true;
}

bool FoldOne(Graph& graph, Node* conv) {
  if (!FoldableConv(graph, conv)) return false;
  Value* out = conv->outputs[0];
  Node* op = graph.Consumers(out)[0];
  const std::string& t = op->op_type;
  if (t != "Mul" && t != "Add" && t != "Sub" && t != "Div") return false;
  if (op->outputs.size() != 1 || !op->outputs[0] || op->outputs[0]->shape != out->shape ||
      op->outputs[0]->dtype != DType::kFloat32)
    return false;
  Value* c = OtherInput(op, out);
  if ((t == "Sub" || t == "Div") && op->input(0) != out) return false;
  std::vector<float> cv;
  if (!PerChannel(c, out, &cv)) return false;
  if (t == "Div")
    for (float v : cv)
      if (v == 0.0f) return false;

  Value* w = conv->input(1);
  Value* b = conv->input(2);
  int64_t out_ch = OutChannels(conv);
  if (static_cast<int64_t>(cv.size()) != out_ch) return false;
  // Channel o's weights: W[o] (Conv), or W[c, o] for each input channel c (ConvTranspose).
  int64_t outer = IsTransposed(conv) ? w->shape[0] : 1;
  int64_t inner = w->constant->num_elements() / out_ch / outer;
  Tensor new_b(DType::kFloat32, {out_ch});
  float* nb = static_cast<float*>(new_b.mutable_data());
  for (int64_t o = 0; o < out_ch; ++o) nb[o] = b ? b->constant->data_as<float>()[o] : 0.0f;
  if (t == "Mul" || t == "Div") {
    Tensor new_w(DType::kFloat32, w->shape);
    const float* wd = w->constant->data_as<float>();
    float* nw = static_cast<float*>(new_w.mutable_data());
    for (int64_t o = 0; o < out_ch; ++o) {
      for (int64_t c = 0; c < outer; ++c) {
        int64_t base = (c * out_ch + o) * inner;
        for (int64_t k = 0; k < inner; ++k)
          nw[base + k] = t == "Mul" ? wd[base + k] * cv[o] : wd[base + k] / cv[o];
      }
      nb[o] = t == "Mul" ? nb[o] * cv[o] : nb[o] / cv[o];
    }
    conv->inputs[1] = graph.AddConstant(graph.UniqueName(w->name + "_affine"), std::move(new_w));
  } else {
    for (int64_t o = 0; o < out_ch; ++o) nb[o] = t == "Add" ? nb[o] + cv[o] : nb[o] - cv[o];
  }
  conv->inputs.resize(3, nullptr);
  conv->inputs[2] =
      graph.AddConstant(graph.UniqueName(conv->name + "_bias_affine"), std::move(new_b));
  AbsorbConsumer(graph, conv, op);
  return true;
}

}  // namespace

Status FoldConvAffine(Graph& graph) {
  std::vector<Node*> convs;
  for (const auto& n : graph.nodes())
    if (n->op_type == "Conv" || n->op_type == "ConvTranspose") convs.push_back(n.get());
  for (Node* conv : convs)
    while (FoldOne(graph, conv)) {
    }
  graph.RemoveDeadNodes();
  return Status::Ok();
}

}  // namespace openacl
