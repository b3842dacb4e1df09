// Fast ConvTranspose for the non-overlapping upsampling case with few output channels (the
// final "probability map" layer of DB text detectors: C -> 1, kernel 2, stride 2), where
// oneDNN pads the output channels to its 8/16 block and wastes most of the work.
// Accepts: 2-D, float32, constant W [C, M, kh, kw] with kernel == stride per dim, group 1,
// dilation 1, zero pads and output padding, M <= 4, optional bias, fused activation (fusion
// attributes, no residual). Every output pixel gets exactly one input pixel's contribution:
//   Y[n, m, i*sh + a, j*sw + b] = act(B[m] + sum_c X[n, c, i, j] * W[c, m, a, b])
// Sigmoid and Relu run vectorized; other activations through FusedActivation::Apply.
#include <algorithm>
#include <vector>

#include "kernels/cpu/fast_exp.h"
#include "kernels/kernel_registry.h"
#include "ops/common/conv_util.h"
#include "ops/common/fusion_attrs.h"

namespace openacl {
namespace {

constexpr int64_t kMaxOutChannels = 4;

bool SupportsPatchDeconv(const Node& node) {
  for (const Value* v : node.inputs)
    if (v && (v->dtype != DType::kFloat32 || !IsStatic(v->shape))) return false;
  const Value* x = node.input(0);
  const Value* w = node.input(1);
  if (!x || !w || !w->is_constant() || x->shape.size() != 4 || !node.output(0)) return false;
  if (node.input(2) && !node.input(2)->is_constant()) return false;
  auto g = ComputeConvTransposeGeometry(node);
  auto f = ParseFusionAttrs(node, 3);
  if (!g.ok() || !f.ok() || f->sum || g->group != 1 || g->sp.rank != 2) return false;
  if (g->out_channels > kMaxOutChannels) return false;
  const SpatialGeometry& sp = g->sp;
  for (int i = 0; i < 2; ++i) {
    if (sp.kernel[i] != sp.stride[i] || sp.dilation[i] != 1 || sp.pad_begin[i] != 0 ||
        sp.pad_end[i] != 0 || sp.out[i] != sp.in[i] * sp.stride[i])
      return false;
    if (!sp.output_padding.empty() && sp.output_padding[i] != 0) return false;
  }
  return node.output(0)->shape == g->out_shape;
}

class PatchDeconvKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    if (!SupportsPatchDeconv(node)) return Internal(node.Describe() + ": not supported");
    ASSIGN_OR_RETURN(ConvGeometry g, ComputeConvTransposeGeometry(node));
    ASSIGN_OR_RETURN(FusionAttrs f, ParseFusionAttrs(node, 3));
    act_ = f.act;
    n_ = g.batch;
    c_ = g.in_channels;
    m_ = g.out_channels;
    h_ = g.sp.in[0];
    w_ = g.sp.in[1];
    sh_ = g.sp.stride[0];
    sw_ = g.sp.stride[1];
    // Weights regrouped as [m][a][b][c] so one (m, a, b) reads C contiguous values.
    const float* wd = node.input(1)->constant->data_as<float>();
    weights_.assign(static_cast<size_t>(m_ * sh_ * sw_ * c_), 0.0f);
    for (int64_t c = 0; c < c_; ++c)
      for (int64_t m = 0; m < m_; ++m)
        for (int64_t a = 0; a < sh_; ++a)
          for (int64_t b = 0; b < sw_; ++b)
            weights_[((m * sh_ + a) * sw_ + b) * c_ + c] = wd[((c * m_ + m) * sh_ + a) * sw_ + b];
    bias_.assign(static_cast<size_t>(m_), 0.0f);
    if (const Value* bv = node.input(2))
      std::copy_n(bv->constant->data_as<float>(), m_, bias_.begin());
    return Status::Ok();
  }

  Status Run(const KernelIO& io) const override {
    const float* x = io.in(0).as<float>();
    float* y = io.out(0).as<float>();
    const int64_t plane = h_ * w_, oh = h_ * sh_, ow = w_ * sw_;
    const int64_t jobs = n_ * m_ * h_;
#pragma omp parallel for schedule(static) if (jobs * w_ * c_ >= 32768)
    for (int64_t job = 0; job < jobs; ++job) {
      const int64_t i = job % h_, m = (job / h_) % m_, n = job / (h_ * m_);
      const float* xn = x + n * c_ * plane + i * w_;
      std::vector<float> acc(static_cast<size_t>(w_));
      for (int64_t a = 0; a < sh_; ++a) {
        float* yrow = y + ((n * m_ + m) * oh + i * sh_ + a) * ow;
        for (int64_t b = 0; b < sw_; ++b) {
          const float* wv = &weights_[((m * sh_ + a) * sw_ + b) * c_];
          std::fill(acc.begin(), acc.end(), bias_[m]);
          float* ac = acc.data();
          for (int64_t c = 0; c < c_; ++c) {
            const float wc = wv[c];
            const float* xr = xn + c * plane;
#pragma omp simd
            for (int64_t j = 0; j < w_; ++j) ac[j] += wc * xr[j];
          }
          Activate(ac, w_);
          for (int64_t j = 0; j < w_; ++j) yrow[j * sw_ + b] = ac[j];
        }
      }
    }
    return Status::Ok();
  }

 private:
  void Activate(float* v, int64_t n) const {
    if (!act_.active()) return;
    if (act_.kind == FusedActKind::kRelu && !act_.has_post_linear()) {
#pragma omp simd
      for (int64_t j = 0; j < n; ++j) v[j] = v[j] > 0.0f ? v[j] : 0.0f;
    } else if (act_.kind == FusedActKind::kSigmoid && !act_.has_post_linear()) {
      // 1 / (1 + exp(-x)): exp(-x) into v, then the reciprocal.
      for (int64_t j = 0; j < n; ++j) v[j] = -v[j];
      cpu::ExpShiftedSum(v, 0.0f, v, n);
#pragma omp simd
      for (int64_t j = 0; j < n; ++j) v[j] = 1.0f / (1.0f + v[j]);
    } else {
      for (int64_t j = 0; j < n; ++j) v[j] = act_.Apply(v[j]);
    }
  }

  FusedActivation act_;
  int64_t n_ = 0, c_ = 0, m_ = 0, h_ = 0, w_ = 0, sh_ = 0, sw_ = 0;
  std::vector<float> weights_, bias_;
};

}  // namespace

void RegisterKernel_cpu_ConvTranspose(KernelRegistry& registry) {
  KernelImpl k;
  k.op_type = "ConvTranspose";
  k.backend = "cpu";
  k.priority = 20;  // above oneDNN (10) for the few shapes it accepts
  k.supports = SupportsPatchDeconv;
  k.make = [] { return std::unique_ptr<Kernel>(new PatchDeconvKernel()); };
  registry.Register(std::move(k));
}

}  // namespace openacl
