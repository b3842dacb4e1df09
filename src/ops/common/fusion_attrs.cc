#include "ops/common/fusion_attrs.h"

#include <cmath>
#include <limits>
#include <map>

namespace openacl {

double FusedActivation::Apply(double x) const {
  double y = ApplyKind(x);
  return has_post_linear() ? y * post_scale + post_shift : y;
}

double FusedActivation::ApplyKind(double x) const {
  switch (kind) {
    case FusedActKind::kNone:
      return x;
    case FusedActKind::kRelu:
      return x > 0 ? x : 0;
    case FusedActKind::kLeakyRelu:
      return x >= 0 ? x : alpha * x;
    case FusedActKind::kClip:
      return std::min(std::max(x, double(alpha)), double(beta));
    case FusedActKind::kSigmoid:
      return 1.0 / (1.0 + std::exp(-x));
    case FusedActKind::kHardSigmoid:
      return std::max(0.0, std::min(1.0, alpha * x + beta));
    case FusedActKind::kHardSwish:
      return x * std::max(0.0, std::min(1.0, x / 6.0 + 0.5));
    case FusedActKind::kTanh:
      return std::tanh(x);
    case FusedActKind::kGelu:
      return 0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0)));
    case FusedActKind::kGeluTanh: {
      const double k = std::sqrt(2.0 / M_PI);
      return 0.5 * x * (1.0 + std::tanh(k * (x + 0.044715 * x * x * x)));
    }
    case FusedActKind::kElu:
      return x >= 0 ? x : alpha * (std::exp(x) - 1.0);
    case FusedActKind::kSoftplus:
      return x > 30 ? x : std::log1p(std::exp(x));
    case FusedActKind::kSilu:
      return x / (1.0 + std::exp(-x));
  }
  return x;
}

float FusedActivation::Apply(float x) const {
  return static_cast<float>(Apply(static_cast<double>(x)));
}

Result<FusionAttrs> ParseFusionAttrs(const Node& node, int standard_slots) {
  struct Def {
    FusedActKind kind;
    float alpha, beta;
  };
  static const std::map<std::string, Def> kActs = {
      {"Relu", {FusedActKind::kRelu, 0, 0}},
      {"LeakyRelu", {FusedActKind::kLeakyRelu, 0.01f, 0}},
      {"Clip",
       {FusedActKind::kClip, -std::numeric_limits<float>::infinity(),
        std::numeric_limits<float>::infinity()}},
      {"Sigmoid", {FusedActKind::kSigmoid, 0, 0}},
      {"HardSigmoid", {FusedActKind::kHardSigmoid, 0.2f, 0.5f}},
      {"HardSwish", {FusedActKind::kHardSwish, 0, 0}},
      {"Tanh", {FusedActKind::kTanh, 0, 0}},
      {"Gelu", {FusedActKind::kGelu, 0, 0}},
      {"GeluTanh", {FusedActKind::kGeluTanh, 0, 0}},
      {"Elu", {FusedActKind::kElu, 1.0f, 0}},
      {"Softplus", {FusedActKind::kSoftplus, 0, 0}},
      {"Silu", {FusedActKind::kSilu, 0, 0}},
  };
  FusionAttrs f;
  std::string name = node.attrs.get_string("fused_activation", "");
  if (!name.empty()) {
    auto it = kActs.find(name);
    if (it == kActs.end())
      return Status(StatusCode::kOpAttrNotMatch,
                    node.Describe() + ": unknown fused_activation '" + name + "'");
    f.act.kind = it->second.kind;
    f.act.alpha = node.attrs.get_float("fused_alpha", it->second.alpha);
    f.act.beta = node.attrs.get_float("fused_beta", it->second.beta);
  }
  f.act.post_scale = node.attrs.get_float("fused_post_scale", 1.0f);
  f.act.post_shift = node.attrs.get_float("fused_post_shift", 0.0f);
  int next = standard_slots;
  if (node.attrs.get_int("fused_bias", 0) != 0) {
    f.bias = true;
    f.bias_input = next++;
  }
  if (node.attrs.get_int("fused_sum", 0) != 0) {
    f.sum = true;
    f.sum_input = next++;
  }
  for (int i : {f.bias_input, f.sum_input}) {
    if (i >= 0 && !node.input(static_cast<size_t>(i)))
      return Status(StatusCode::kOpInputNotMatch,
                    node.Describe() + ": fused input " + std::to_string(i) + " is missing");
  }
  if (node.inputs.size() > static_cast<size_t>(next))
    return Status(StatusCode::kOpInputNotMatch, node.Describe() + ": " +
                                                    std::to_string(node.inputs.size()) +
                                                    " inputs, at most " + std::to_string(next) +
                                                    " expected with its fusion "
                                                    "attributes");
  return f;
}

Status CheckResidual(const Node& node, const FusionAttrs& f, const Shape& out_shape, DType dtype) {
  if (!f.sum) return Status::Ok();
  const Value* r = node.input(static_cast<size_t>(f.sum_input));
  if (r->dtype != dtype || r->shape != out_shape)
    return Status(StatusCode::kOpInputNotMatch, node.Describe() + ": fused residual input '" +
                                                    r->name + "' " + ShapeToString(r->shape) +
                                                    " must match the output " +
                                                    ShapeToString(out_shape));
  return Status::Ok();
}

}  // namespace openacl
