// Fusion attributes that graph passes set on Conv, ConvTranspose, Gemm and MatMul nodes, and
// the plain epilogue that reference kernels use to honour them. Fast kernels map the same
// contract onto their own post-ops (kernels/onednn/onednn_util.h).
//
// Attribute contract (all optional; absent = no fusion):
//   "fused_activation" string  Activation applied last, after bias and residual sum:
//        "Relu"                 max(x, 0)
//        "LeakyRelu"            x >= 0 ? x : alpha*x               fused_alpha default 0.01
//        "Clip"                 min(max(x, alpha), beta)           defaults -inf / +inf
//        "Sigmoid"              1 / (1 + exp(-x))
//        "HardSigmoid"          max(0, min(1, alpha*x + beta))     defaults 0.2 / 0.5
//        "HardSwish"            x * max(0, min(1, x/6 + 1/2))
//        "Tanh"                 tanh(x)
//        "Gelu"                 x/2 * (1 + erf(x/sqrt(2)))
//        "GeluTanh"             Gelu with the tanh approximation (ONNX Gelu approximate="tanh")
//        "Elu"                  x >= 0 ? x : alpha*(exp(x) - 1)    fused_alpha default 1.0
//        "Softplus"             log(1 + exp(x))
//        "Silu"                 x * sigmoid(x)  (a.k.a. Swish)
//   "fused_alpha", "fused_beta"  float parameters of the activation (see defaults above).
//   "fused_post_scale", "fused_post_shift"  floats (defaults 1 / 0): a linear step applied after
//        the activation (or after bias/residual when there is none): y = scale * y + shift.
//   "fused_sum" int   1 = the node carries one extra input, the residual R, and computes
//        Y = act(op(...) + R). R must have exactly the output's shape and dtype.
//   "fused_bias" int  (MatMul only) 1 = the node carries a 1-D bias [N] added to the last dim
//        of the product (before the residual sum and the activation).
//
// Input slots of fused inputs: fused inputs follow the op's standard input slots; omitted
// optional standard inputs keep their (empty, nullptr) slot so indices never shift:
//   Conv / ConvTranspose:  X, W, B?, R          (R at index 3)
//   Gemm:                  A, B, C?, R          (R at index 3)
//   MatMul:                A, B, [bias], [R]    (bias at 2 when fused_bias; R at 2 + fused_bias)
// Shape inference ignores these extra inputs except for checking R's shape.
#pragma once

#include <cstdint>
#include <string>

#include "base/status.h"
#include "ir/graph.h"

namespace openacl {

enum class FusedActKind {
  kNone,
  kRelu,
  kLeakyRelu,
  kClip,
  kSigmoid,
  kHardSigmoid,
  kHardSwish,
  kTanh,
  kGelu,
  kGeluTanh,
  kElu,
  kSoftplus,
  kSilu,
};

struct FusedActivation {
  FusedActKind kind = FusedActKind::kNone;
  float alpha = 0.0f;
  float beta = 0.0f;
  float post_scale = 1.0f;  // trailing linear step: y = post_scale * act(x) + post_shift
  float post_shift = 0.0f;

  bool has_post_linear() const { return post_scale != 1.0f || post_shift != 0.0f; }
  bool active() const { return kind != FusedActKind::kNone || has_post_linear(); }
  float Apply(float x) const;
  double Apply(double x) const;
  double ApplyKind(double x) const;  // the activation alone, without the post-linear step
};

struct FusionAttrs {
  FusedActivation act;
  bool sum = false;     // residual input present
  bool bias = false;    // MatMul only: bias input present
  int sum_input = -1;   // index of the residual input, -1 if none
  int bias_input = -1;  // index of the fused bias input (MatMul), -1 if none
};

// Parses the fusion attributes of `node`; `standard_slots` is the op's number of standard input
// slots (Conv/Gemm 3, MatMul 2). Errors name the node and the bad attribute.
Result<FusionAttrs> ParseFusionAttrs(const Node& node, int standard_slots);

// Checks that a residual input (if any) has the output's shape and dtype.
Status CheckResidual(const Node& node, const FusionAttrs& f, const Shape& out_shape, DType dtype);

// y[i] = act(y[i] + r[i]) (r may be null) for n elements; parallel with OpenMP.
template <typename T>
void ApplyEpilogue(const FusedActivation& act, const T* residual, T* y, int64_t n) {
  if (!residual && !act.active()) return;
#pragma omp parallel for if (n > 16384)
  for (int64_t i = 0; i < n; ++i) {
    T v = y[i];
    if (residual) v += residual[i];
    if (act.active()) v = static_cast<T>(act.Apply(static_cast<double>(v)));
    y[i] = v;
  }
}

}  // namespace openacl
