// oneDNN Conv (1-D/2-D/3-D, group/depthwise, dilation, pads/auto_pad, bias) with the fusion
// attributes mapped to post-ops: fused_sum -> sum post-op, fused_activation -> eltwise.
// Node attribute "onednn_io" (tuning/benchmark knob): "any" (default) lets oneDNN pick blocked
// src/dst and reorders through scratch; "plain" forces NC[D]HW src/dst (no reorders).
#include "kernels/kernel_registry.h"
#include "kernels/onednn/conv_exec.h"
#include "ops/common/conv_util.h"

namespace openacl {
namespace {

using namespace onednn;  // NOLINT
using dt = dnnl::memory::data_type;
using tag = dnnl::memory::format_tag;

bool SupportsConv(const Node& node) {
  if (!AllFloat32(node) || !node.input(0) || !node.input(1) || !node.inputs[1]->is_constant())
    return false;
  if (node.attrs.has("layout")) return false;  // blocked user layouts: not yet
  for (const Value* v : node.inputs)
    if (v && !IsStatic(v->shape)) return false;
  auto g = ComputeConvGeometry(node);
  auto f = ParseFusionAttrs(node, 3);
  return g.ok() && f.ok() && ActivationSupported(f->act);
}

class OnednnConv : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    what_ = node.Describe();
    ASSIGN_OR_RETURN(ConvGeometry g, ComputeConvGeometry(node));
    ASSIGN_OR_RETURN(FusionAttrs f, ParseFusionAttrs(node, 3));
    bool any_io = node.attrs.get_string("onednn_io", "any") != "plain";
    ONEDNN_TRY(what_, {
      const Shape& x = node.inputs[0]->shape;
      const Shape& w = node.inputs[1]->shape;
      ConvExecConfig cfg;
      cfg.src_user = PlainDesc(x);
      cfg.dst_user = PlainDesc(g.out_shape);
      Shape wdims = w;
      if (g.group > 1) {
        wdims[0] = g.out_channels / g.group;
        wdims.insert(wdims.begin(), g.group);
      }
      cfg.weights_user = PlainDesc(wdims);
      cfg.weights_data = node.inputs[1]->constant->data();
      cfg.bias = node.input(2);
      cfg.sum_input = f.sum_input;
      dnnl::memory::desc src_md =
          any_io ? dnnl::memory::desc(ToDims(x), dt::f32, tag::any) : cfg.src_user;
      dnnl::memory::desc dst_md =
          any_io ? dnnl::memory::desc(ToDims(g.out_shape), dt::f32, tag::any) : cfg.dst_user;
      dnnl::memory::desc w_md(ToDims(wdims), dt::f32, tag::any);
      dnnl::memory::dims strides = ToDims(g.sp.stride, 0), dil = ToDims(g.sp.dilation, 1),
                         pl = ToDims(g.sp.pad_begin, 0), pr = ToDims(g.sp.pad_end, 0);
      dnnl::primitive_attr attr;
      attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
      dnnl::post_ops ops;
      if (f.sum) ops.append_sum(1.f);
      AppendActivation(f.act, ops);
      attr.set_post_ops(ops);
      auto prop = dnnl::prop_kind::forward_inference;
      auto alg = dnnl::algorithm::convolution_direct;
      auto desc = cfg.bias ? dnnl::convolution_forward::desc(
                                 prop, alg, src_md, w_md,
                                 dnnl::memory::desc({g.out_channels}, dt::f32, tag::a), dst_md,
                                 strides, dil, pl, pr)
                           : dnnl::convolution_forward::desc(prop, alg, src_md, w_md, dst_md,
                                                             strides, dil, pl, pr);
      dnnl::convolution_forward::primitive_desc pd(desc, attr, CpuEngine());
      impl_ = pd.impl_info_str();
      RETURN_IF_ERROR(exec_.Init(pd, dnnl::convolution_forward(pd), cfg));
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
