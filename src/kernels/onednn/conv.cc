// oneDNN Conv (1-D/2-D/3-D, group/depthwise, dilation, pads/auto_pad, bias) with the fusion
// attributes mapped to post-ops: fused_sum -> binary-add post-op reading the residual in place
// (or a sum post-op where the implementation lacks binary post-ops), fused_activation -> eltwise.
// Layouts: inputs/outputs named by the blocked-layout attributes (layout_attrs.h) are nChw8c /
// nChw16c; others are plain. 3x3 stride-1 convs use Winograd where oneDNN has it (AVX-512),
// unless OPENACL_WINOGRAD=0.
// Reduced precision (node attribute "openacl_precision", compute_precision.h): bf16 source and
// weights, fp32 accumulation, destination and post-ops; the f32 source is converted by the
// source reorder ConvExec already runs for layout changes.
// Node attribute "onednn_io" (tuning/benchmark knob): "any" (default) lets oneDNN pick blocked
// src/dst for plain user tensors and reorders through scratch; "plain" forces NC[D]HW src/dst.
#include <cstdlib>

#include "kernels/kernel_registry.h"
#include "kernels/onednn/compute_precision.h"
#include "kernels/onednn/conv_exec.h"
#include "kernels/onednn/layout_attrs.h"
#include "ops/common/conv_util.h"

namespace openacl {
namespace {

using namespace onednn;  // NOLINT
using dt = dnnl::memory::data_type;
using tag = dnnl::memory::format_tag;

bool SupportsConv(const Node& node) {
  if (!AllFloat32(node) || !node.input(0) || !node.input(1) || !node.inputs[1]->is_constant())
    return false;
  for (const Value* v : node.inputs)
    if (v && !IsStatic(v->shape)) return false;
  auto g = ComputeConvGeometry(node);
  auto f = ParseFusionAttrs(node, 3);
  return g.ok() && f.ok() && ActivationSupported(f->act);
}

bool WinogradAllowed() {
  static const bool allowed = [] {
    const char* env = std::getenv("OPENACL_WINOGRAD");
    return !(env && env[0] == '0');
  }();
  return allowed;
}

bool WinogradCandidate(const ConvGeometry& g) {
  if (g.sp.rank != 2 || g.group != 1) return false;
  for (int i = 0; i < 2; ++i)
    if (g.sp.kernel[i] != 3 || g.sp.stride[i] != 1 || g.sp.dilation[i] != 1) return false;
  return true;
}

struct ConvPlan {
  dnnl::memory::desc src_md, w_md, bias_md, dst_md, res_md;
  dnnl::memory::dims strides, dil, pl, pr;
  FusionAttrs f;
  bool has_bias = false;
};

// Creates the primitive descriptor for one algorithm / residual flavour; throws dnnl::error.
dnnl::convolution_forward::primitive_desc MakeConvPd(const ConvPlan& p, dnnl::algorithm alg,
                                                     bool residual_binary) {
  dnnl::primitive_attr attr;
  attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
  dnnl::post_ops ops;
  if (p.f.sum) {
    if (residual_binary)
      ops.append_binary(dnnl::algorithm::binary_add, p.res_md);
    else
      ops.append_sum(1.f);
  }
  AppendActivation(p.f.act, ops);
  attr.set_post_ops(ops);
  auto prop = dnnl::prop_kind::forward_inference;
  auto desc = p.has_bias ? dnnl::convolution_forward::desc(prop, alg, p.src_md, p.w_md, p.bias_md,
                                                           p.dst_md, p.strides, p.dil, p.pl, p.pr)
                         : dnnl::convolution_forward::desc(prop, alg, p.src_md, p.w_md, p.dst_md,
                                                           p.strides, p.dil, p.pl, p.pr);
  return dnnl::convolution_forward::primitive_desc(desc, attr, CpuEngine());
}

// Source and weights in `compute` (f32, or bf16 with f32 accumulation and destination).
struct ConvChoice {
  dnnl::convolution_forward::primitive_desc pd;
  bool residual_binary = false;
};

ConvChoice ChooseConvPd(ConvPlan p, const Shape& x, const ConvGeometry& g, const LayoutAttrs& lay,
                        bool any_io, const ConvExecConfig& cfg, dt compute) {
  bool src_blocked = lay.input_blocked(0), dst_blocked = lay.output_blocked(0);
  auto any = [](const Shape& s, dt type) { return dnnl::memory::desc(ToDims(s), type, tag::any); };
  // A blocked user tensor is handed to the primitive as is (converted to bf16 in place of a
  // layout change when bf16); a plain one may be reordered.
  p.src_md = src_blocked || !any_io ? ActivationDesc(x, src_blocked ? lay.block : 0, compute)
                                    : any(x, compute);
  p.dst_md = dst_blocked || !any_io ? cfg.dst_user : any(g.out_shape, dt::f32);
  p.w_md = dnnl::memory::desc(cfg.weights_user.dims(), compute, tag::any);
  ConvChoice c;
  bool have_pd = false;
  // oneDNN's Winograd kernels are f32 only.
  if (compute == dt::f32 && WinogradAllowed() && WinogradCandidate(g)) {
    try {  // Winograd kernels take sum but not binary post-ops.
      c.pd = MakeConvPd(p, dnnl::algorithm::convolution_winograd, false);
      have_pd = !IsReferenceImpl(c.pd.impl_info_str());
    } catch (const dnnl::error&) {
    }
  }
  // Read the residual in place when it already has the (fixed) dst layout and the
  // implementation takes binary post-ops; with an "any" dst oneDNN could pick a slow
  // layout to match the residual, so that case keeps the sum post-op.
  if (!have_pd && p.f.sum && p.dst_md.data.format_kind != dnnl_format_kind_any &&
      p.dst_md == p.res_md) {
    try {
      c.pd = MakeConvPd(p, dnnl::algorithm::convolution_direct, true);
      have_pd = !IsReferenceImpl(c.pd.impl_info_str());
      c.residual_binary = have_pd;
    } catch (const dnnl::error&) {
    }
  }
  if (!have_pd) c.pd = MakeConvPd(p, dnnl::algorithm::convolution_direct, false);
  if (IsReferenceImpl(c.pd.impl_info_str()) && (src_blocked || dst_blocked)) {
    // No optimized kernel for the blocked layout (e.g. odd group sizes): let oneDNN choose
    // and reorder from/to the blocked user tensors through scratch.
    p.src_md = any(x, compute);
    p.dst_md = any(g.out_shape, dt::f32);
    c.residual_binary = false;
    c.pd = MakeConvPd(p, dnnl::algorithm::convolution_direct, false);
  }
  return c;
}

class OnednnConv : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    what_ = node.Describe();
    ASSIGN_OR_RETURN(ConvGeometry g, ComputeConvGeometry(node));
    ASSIGN_OR_RETURN(FusionAttrs f, ParseFusionAttrs(node, 3));
    LayoutAttrs lay = ParseLayoutAttrs(node);
    bool any_io = node.attrs.get_string("onednn_io", "any") != "plain";
    const ComputeType compute = ChooseComputeType(node);
    ONEDNN_TRY(what_, {
      const Shape& x = node.inputs[0]->shape;
      const Shape& w = node.inputs[1]->shape;
      bool src_blocked = lay.input_blocked(0), dst_blocked = lay.output_blocked(0);
      ConvExecConfig cfg;
      cfg.src_user = ActivationDesc(x, src_blocked ? lay.block : 0);
      cfg.dst_user = ActivationDesc(g.out_shape, dst_blocked ? lay.block : 0);
      Shape wdims = w;
      if (g.group > 1) {
        wdims[0] = g.out_channels / g.group;
        wdims.insert(wdims.begin(), g.group);
      }
      cfg.weights_user = PlainDesc(wdims);
      cfg.weights_data = node.inputs[1]->constant->data();
      cfg.bias = node.input(2);
      cfg.sum_input = f.sum_input;
      ConvPlan p;
      p.f = f;
      p.has_bias = cfg.bias != nullptr;
      if (f.sum) {
        bool res_blocked = lay.input_blocked(static_cast<size_t>(f.sum_input));
        cfg.res_user = ActivationDesc(g.out_shape, res_blocked ? lay.block : 0);
        p.res_md = cfg.res_user;
      }
      p.bias_md = dnnl::memory::desc({g.out_channels}, dt::f32, tag::a);
      p.strides = ToDims(g.sp.stride, 0);
      p.dil = ToDims(g.sp.dilation, 1);
      p.pl = ToDims(g.sp.pad_begin, 0);
      p.pr = ToDims(g.sp.pad_end, 0);

      ConvChoice c;
      bool bf16 = false;
      if (compute == ComputeType::kBF16) {
        try {  // bf16 only where oneDNN has an optimized kernel for it; fp32 otherwise.
          c = ChooseConvPd(p, x, g, lay, any_io, cfg, dt::bf16);
          bf16 = !IsReferenceImpl(c.pd.impl_info_str());
        } catch (const dnnl::error&) {
        }
      }
      if (!bf16) c = ChooseConvPd(p, x, g, lay, any_io, cfg, dt::f32);
      cfg.residual_binary = c.residual_binary;
      impl_ = c.pd.impl_info_str();
      RETURN_IF_ERROR(exec_.Init(c.pd, dnnl::convolution_forward(c.pd), cfg));
    });
    return Status::Ok();
  }
  size_t ScratchBytes() const override { return exec_.ScratchBytes(); }
  Status Run(const KernelIO& io) const override { return exec_.Execute(io, what_); }
  const std::string& impl() const { return impl_; }

 private:
  ConvExec exec_;
  std::string what_, impl_;
};

}  // namespace

void RegisterKernel_onednn_Conv(KernelRegistry& registry) {
  KernelImpl k;
  k.op_type = "Conv";
  k.backend = "onednn";
  k.priority = 10;
  k.supports = SupportsConv;
  k.make = [] { return std::unique_ptr<Kernel>(new OnednnConv()); };
  registry.Register(std::move(k));
}

}  // namespace openacl
