// oneDNN AveragePool (1-D/2-D/3-D, pads/auto_pad, ceil_mode via a larger right padding, dilations).
#include "kernels/kernel_registry.h"
#include "kernels/onednn/pool_exec.h"
#include "ops/common/conv_util.h"

namespace openacl {
namespace {

using namespace onednn;  // NOLINT

bool SupportsAveragePool(const Node& node) {
  if (!PoolNodeBasics(node)) return false;
  auto g = ComputePoolGeometry(node, true);
  if (!g.ok()) return false;
  // oneDNN's include-padding divisor would also count the ceil_mode extension.
  if (node.attrs.get_int("count_include_pad", 0) != 0 && g->pad_end_ceil != g->sp.pad_end)
    return false;
  return true;
}

class OnednnAveragePool : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    what_ = node.Describe();
    ASSIGN_OR_RETURN(PoolGeometry g, ComputePoolGeometry(node, true));
    PoolSpec spec;
    spec.src = node.inputs[0]->shape;
    spec.dst = g.out_shape;
    spec.kernel = g.sp.kernel;
    spec.stride = g.sp.stride;
    spec.dilation = g.sp.dilation;
    spec.pad_l = g.sp.pad_begin;
    spec.pad_r = g.pad_end_ceil;
    spec.alg = node.attrs.get_int("count_include_pad", 0) != 0
                   ? dnnl::algorithm::pooling_avg_include_padding
                   : dnnl::algorithm::pooling_avg_exclude_padding;
    SetPoolLayout(node, spec);
    return exec_.Init(spec, what_);
  }
  size_t ScratchBytes() const override { return exec_.ScratchBytes(); }
  Status Run(const KernelIO& io) const override { return exec_.Execute(io, what_); }

 private:
  PoolExec exec_;
  std::string what_;
};

}  // namespace

void RegisterKernel_onednn_AveragePool(KernelRegistry& registry) {
  KernelImpl k;
  k.op_type = "AveragePool";
  k.backend = "onednn";
  k.priority = 10;
  k.supports = SupportsAveragePool;
  k.make = [] { return std::unique_ptr<Kernel>(new OnednnAveragePool()); };
  registry.Register(std::move(k));
}

}  // namespace openacl
