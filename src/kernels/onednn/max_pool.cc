// oneDNN MaxPool (1-D/2-D/3-D, pads/auto_pad, ceil_mode via a larger right padding, dilations).
#include "kernels/kernel_registry.h"
#include "kernels/onednn/pool_exec.h"
#include "ops/common/conv_util.h"

namespace openacl {
namespace {

using namespace onednn;  // NOLINT

bool SupportsMaxPool(const Node& node) {
  if (!PoolNodeBasics(node)) return false;
  auto g = ComputePoolGeometry(node, true);
  if (!g.ok()) return false;
  return true;
}

class OnednnMaxPool : public Kernel {
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
    spec.alg = dnnl::algorithm::pooling_max;
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

void RegisterKernel_onednn_MaxPool(KernelRegistry& registry) {
  KernelImpl k;
  k.op_type = "MaxPool";
  k.backend = "onednn";
  k.priority = 10;
  k.supports = SupportsMaxPool;
  k.make = [] { return std::unique_ptr<Kernel>(new OnednnMaxPool()); };
  registry.Register(std::move(k));
}

}  // namespace openacl
