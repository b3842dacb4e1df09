// oneDNN ConvTranspose (deconvolution; 1-D/2-D/3-D, group, dilations, pads, output_padding,
// output_shape, auto_pad). A fused residual goes in as a post-op (with bias and activation);
// otherwise bias and activation run in a plain epilogue after the primitive. output_padding and
// output_shape are folded into oneDNN's right padding; where that would be negative the
// reference is used. A reduced-precision request (compute_precision.h) runs with bf16 source and
// weights where the CPU has bf16.
#include <algorithm>
#include <limits>

#include "kernels/kernel_registry.h"
#include "kernels/onednn/compute_precision.h"
#include "kernels/onednn/conv_exec.h"
#include "ops/common/conv_util.h"

namespace openacl {
namespace {

using namespace onednn;  // NOLINT
using dt = dnnl::memory::data_type;
using tag = dnnl::memory::format_tag;

// oneDNN: out = (in - 1) * stride + (k - 1) * dilation + 1 - pad_l - pad_r.
std::vector<int64_t> RightPads(const ConvGeometry& g) {
  const SpatialGeometry& sp = g.sp;
  std::vector<int64_t> pr(sp.rank);
  for (int i = 0; i < sp.rank; ++i)
    pr[i] = (sp.in[i] - 1) * sp.stride[i] + (sp.kernel[i] - 1) * sp.dilation[i] + 1 -
            sp.pad_begin[i] - sp.out[i];
  return pr;
}

bool SupportsConvTranspose(const Node& node) {
  if (!AllFloat32(node) || !node.input(0) || !node.input(1) || !node.inputs[1]->is_constant())
    return false;
  if (node.attrs.has("layout")) return false;
  for (const Value* v : node.inputs)
    if (v && !IsStatic(v->shape)) return false;
  auto g = ComputeConvTransposeGeometry(node);
  auto f = ParseFusionAttrs(node, 3);
  if (!g.ok() || !f.ok() || !ActivationSupported(f->act)) return false;
  for (int64_t p : RightPads(g.value()))
    if (p < 0) return false;
  return true;
}

class OnednnConvTranspose : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    what_ = node.Describe();
    ASSIGN_OR_RETURN(ConvGeometry g, ComputeConvTransposeGeometry(node));
    ASSIGN_OR_RETURN(FusionAttrs f, ParseFusionAttrs(node, 3));
    bool any_io = node.attrs.get_string("onednn_io", "any") != "plain";
    ONEDNN_TRY(what_, {
      const Shape& x = node.inputs[0]->shape;
      const Shape& w = node.inputs[1]->shape;  // [C, M/G, k...]
      ConvExecConfig cfg;
      cfg.src_user = PlainDesc(x);
      cfg.dst_user = PlainDesc(g.out_shape);
      int nsp = g.sp.rank;
      dnnl::memory::dims wdims;
      tag wtag;
      if (g.group > 1) {
        wdims = {g.group, w[1], w[0] / g.group};
        wtag = nsp == 1 ? tag::acbd : nsp == 2 ? tag::acbde : tag::acbdef;
      } else {
        wdims = {w[1], w[0]};
        wtag = nsp == 1 ? tag::bac : nsp == 2 ? tag::bacd : tag::bacde;
      }
      wdims.insert(wdims.end(), w.begin() + 2, w.end());
      cfg.weights_user = dnnl::memory::desc(wdims, dt::f32, wtag);
      cfg.weights_data = node.inputs[1]->constant->data();
      // Without a residual, bias and activation run in our own epilogue: oneDNN 2.6 applies a
      // deconvolution's bias and post-ops in a slow reference loop (~25x the jit kernel itself).
      split_epilogue_ = !f.sum;
      if (split_epilogue_) {
        act_ = f.act;
        out_channels_ = g.out_channels;
        plane_ = NumElements(g.out_shape) / (g.out_shape[0] * g.out_channels);
        if (const Value* b = node.input(2)) {
          bias_const_ = b->is_constant();
          has_bias_ = true;
          if (bias_const_)
            bias_.assign(b->constant->data_as<float>(),
                         b->constant->data_as<float>() + g.out_channels);
        }
        f.act = FusedActivation();
      }
      cfg.bias = split_epilogue_ ? nullptr : node.input(2);
      cfg.sum_input = f.sum_input;
      cfg.res_user = cfg.dst_user;
      dnnl::memory::dims strides = ToDims(g.sp.stride, 0), dil = ToDims(g.sp.dilation, 1),
                         pl = ToDims(g.sp.pad_begin, 0), pr = ToDims(RightPads(g), 0);
      dnnl::primitive_attr attr;
      attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
      dnnl::post_ops ops;
      if (f.sum) ops.append_sum(1.f);
      AppendActivation(f.act, ops);
      attr.set_post_ops(ops);
      // Source and weights in `compute` (bf16: f32 accumulation and destination).
      auto make_pd = [&](dt compute) {
        dnnl::memory::desc src_md = any_io ? dnnl::memory::desc(ToDims(x), compute, tag::any)
                                           : PlainDesc(x, compute);
        dnnl::memory::desc dst_md =
            any_io ? dnnl::memory::desc(ToDims(g.out_shape), dt::f32, tag::any) : cfg.dst_user;
        dnnl::memory::desc w_md(wdims, compute, tag::any);
        auto prop = dnnl::prop_kind::forward_inference;
        auto alg = dnnl::algorithm::deconvolution_direct;
        auto desc = cfg.bias ? dnnl::deconvolution_forward::desc(
                                   prop, alg, src_md, w_md,
                                   dnnl::memory::desc({g.out_channels}, dt::f32, tag::a), dst_md,
                                   strides, dil, pl, pr)
                             : dnnl::deconvolution_forward::desc(prop, alg, src_md, w_md, dst_md,
                                                                 strides, dil, pl, pr);
        return dnnl::deconvolution_forward::primitive_desc(desc, attr, CpuEngine());
      };
      dnnl::deconvolution_forward::primitive_desc pd;
      bool bf16 = false;
      if (ChooseComputeType(node) == ComputeType::kBF16) {
        try {  // bf16 only where oneDNN has an optimized kernel for it; fp32 otherwise.
          pd = make_pd(dt::bf16);
          bf16 = !IsReferenceImpl(pd.impl_info_str());
        } catch (const dnnl::error&) {
        }
      }
      if (!bf16) pd = make_pd(dt::f32);
      RETURN_IF_ERROR(exec_.Init(pd, dnnl::deconvolution_forward(pd), cfg));
    });
    return Status::Ok();
  }
  size_t ScratchBytes() const override { return exec_.ScratchBytes(); }
  Status Run(const KernelIO& io) const override {
    RETURN_IF_ERROR(exec_.Execute(io, what_));
    if (split_epilogue_ && (has_bias_ || act_.active())) Epilogue(io);
    return Status::Ok();
  }

 private:
  // y[n, m, :] = act(y[n, m, :] + bias[m]) on the plain output.
  void Epilogue(const KernelIO& io) const {
    float* y = io.out(0).as<float>();
    const float* bias = !has_bias_ ? nullptr : bias_const_ ? bias_.data() : io.in(2).as<float>();
    const int64_t planes = io.out(0).numel() / plane_, plane = plane_;
    const bool relu = act_.kind == FusedActKind::kRelu && !act_.has_post_linear();
#pragma omp parallel for schedule(static) if (planes * plane >= 32768)
    for (int64_t p = 0; p < planes; ++p) {
      float* v = y + p * plane;
      const float b = bias ? bias[p % out_channels_] : 0.0f;
      if (relu || !act_.active()) {
        const float lo = relu ? 0.0f : -std::numeric_limits<float>::infinity();
#pragma omp simd
        for (int64_t i = 0; i < plane; ++i) v[i] = std::max(v[i] + b, lo);
      } else {
        for (int64_t i = 0; i < plane; ++i) v[i] = act_.Apply(v[i] + b);
      }
    }
  }

  ConvExec exec_;
  std::string what_;
  bool split_epilogue_ = false, has_bias_ = false, bias_const_ = false;
  FusedActivation act_;
  std::vector<float> bias_;
  int64_t out_channels_ = 1, plane_ = 1;
};

}  // namespace

void RegisterKernel_onednn_ConvTranspose(KernelRegistry& registry) {
  KernelImpl k;
  k.op_type = "ConvTranspose";
  k.backend = "onednn";
  k.priority = 10;
  k.supports = SupportsConvTranspose;
  k.make = [] { return std::unique_ptr<Kernel>(new OnednnConvTranspose()); };
  registry.Register(std::move(k));
}

}  // namespace openacl
