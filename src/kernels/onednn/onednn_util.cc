#include "kernels/onednn/onednn_util.h"

#include <algorithm>

namespace openacl::onednn {

using tag = dnnl::memory::format_tag;

dnnl::engine& CpuEngine() {
  static dnnl::engine* engine = new dnnl::engine(dnnl::engine::kind::cpu, 0);
  return *engine;
}

dnnl::stream& ThreadStream() {
  thread_local dnnl::stream stream(CpuEngine());
  return stream;
}

dnnl::memory::dims ToDims(const Shape& s) { return dnnl::memory::dims(s.begin(), s.end()); }

dnnl::memory::dims ToDims(const std::vector<int64_t>& v, int64_t minus) {
  dnnl::memory::dims d;
  for (int64_t x : v) d.push_back(x - minus);
  return d;
}

dnnl::memory::format_tag PlainTag(int ndims) {
  switch (ndims) {
    case 1:
      return tag::a;
    case 2:
      return tag::ab;
    case 3:
      return tag::abc;
    case 4:
      return tag::abcd;
    case 5:
      return tag::abcde;
    case 6:
      return tag::abcdef;
    default:
      return tag::undef;
  }
}

dnnl::memory::desc PlainDesc(const Shape& s, dnnl::memory::data_type type) {
  std::vector<int64_t> st = Strides(s);
  return dnnl::memory::desc(ToDims(s), type, dnnl::memory::dims(st.begin(), st.end()));
}

dnnl::memory::desc ActivationDesc(const Shape& s, int block, dnnl::memory::data_type type) {
  if (block != 8 && block != 16) return PlainDesc(s, type);
  tag t = tag::undef;
  switch (s.size()) {
    case 3:
      t = block == 16 ? tag::aBc16b : tag::aBc8b;
      break;
    case 4:
      t = block == 16 ? tag::aBcd16b : tag::aBcd8b;
      break;
    case 5:
      t = block == 16 ? tag::aBcde16b : tag::aBcde8b;
      break;
    default:
      return PlainDesc(s, type);
  }
  return dnnl::memory::desc(ToDims(s), type, t);
}

bool IsReferenceImpl(const std::string& impl) { return impl.rfind("ref", 0) == 0; }

bool ActivationSupported(const FusedActivation& act) {
  switch (act.kind) {
    case FusedActKind::kNone:
    case FusedActKind::kRelu:
    case FusedActKind::kLeakyRelu:
    case FusedActKind::kClip:
    case FusedActKind::kSigmoid:
    case FusedActKind::kHardSigmoid:
    case FusedActKind::kHardSwish:
    case FusedActKind::kTanh:
    case FusedActKind::kGelu:
    case FusedActKind::kGeluTanh:
    case FusedActKind::kElu:
    case FusedActKind::kSoftplus:
    case FusedActKind::kSilu:
      return true;
  }
  return false;
}

void AppendActivation(const FusedActivation& act, dnnl::post_ops& ops) {
  using alg = dnnl::algorithm;
  if (act.kind == FusedActKind::kHardSigmoid && act.has_post_linear()) {
    // s * clip(a*x + b, 0, 1) + t == clip(s*a*x + s*b + t, min(t, s+t), max(t, s+t)): one linear
    // step, because oneDNN 2.6's jit post-op chain computes a second eltwise_linear with the
    // first one's parameters.
    const float s = act.post_scale, t = act.post_shift;
    ops.append_eltwise(1.f, alg::eltwise_linear, s * act.alpha, s * act.beta + t);
    ops.append_eltwise(1.f, alg::eltwise_clip, std::min(t, s + t), std::max(t, s + t));
    return;
  }
  switch (act.kind) {
    case FusedActKind::kNone:
      break;
    case FusedActKind::kRelu:
      ops.append_eltwise(1.f, alg::eltwise_relu, 0.f, 0.f);
      break;
    case FusedActKind::kLeakyRelu:
      ops.append_eltwise(1.f, alg::eltwise_relu, act.alpha, 0.f);
      break;
    case FusedActKind::kClip:
      ops.append_eltwise(1.f, alg::eltwise_clip, act.alpha, act.beta);
      break;
    case FusedActKind::kSigmoid:
      ops.append_eltwise(1.f, alg::eltwise_logistic, 0.f, 0.f);
      break;
    case FusedActKind::kHardSigmoid:  // oneDNN 2.6 has no hardsigmoid: linear then clip
      ops.append_eltwise(1.f, alg::eltwise_linear, act.alpha, act.beta);
      ops.append_eltwise(1.f, alg::eltwise_clip, 0.f, 1.f);
      break;
    case FusedActKind::kHardSwish:
      ops.append_eltwise(1.f, alg::eltwise_hardswish, 0.f, 0.f);
      break;
    case FusedActKind::kTanh:
      ops.append_eltwise(1.f, alg::eltwise_tanh, 0.f, 0.f);
      break;
    case FusedActKind::kGelu:
      ops.append_eltwise(1.f, alg::eltwise_gelu_erf, 0.f, 0.f);
      break;
    case FusedActKind::kGeluTanh:
      ops.append_eltwise(1.f, alg::eltwise_gelu_tanh, 0.f, 0.f);
      break;
    case FusedActKind::kElu:
      ops.append_eltwise(1.f, alg::eltwise_elu, act.alpha, 0.f);
      break;
    case FusedActKind::kSoftplus:
      ops.append_eltwise(1.f, alg::eltwise_soft_relu, 0.f, 0.f);
      break;
    case FusedActKind::kSilu:
      ops.append_eltwise(1.f, alg::eltwise_swish, 1.f, 0.f);
      break;
  }
  if (act.has_post_linear())
    ops.append_eltwise(1.f, alg::eltwise_linear, act.post_scale, act.post_shift);
}

bool AllFloat32(const Node& node) {
  for (const Value* v : node.inputs)
    if (v && v->dtype != DType::kFloat32) return false;
  for (const Value* v : node.outputs)
    if (v && v->dtype != DType::kFloat32) return false;
  return true;
}

}  // namespace openacl::onednn
