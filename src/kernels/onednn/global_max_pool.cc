// oneDNN GlobalMaxPool: a pooling_v2 whose window is the whole spatial extent.
#include "kernels/kernel_registry.h"
#include "kernels/onednn/pool_exec.h"

namespace openacl {
namespace {

using namespace onednn;  // NOLINT

class OnednnGlobalMaxPool : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    what_ = node.Describe();
    const Shape& x = node.inputs[0]->shape;
    size_t nsp = x.size() - 2;
    PoolSpec spec;
    spec.src = x;
    spec.dst = Shape(x.size(), 1);
    spec.dst[0] = x[0];
    spec.dst[1] = x[1];
    spec.kernel.assign(x.begin() + 2, x.end());
    spec.stride.assign(nsp, 1);
    spec.dilation.assign(nsp, 1);
    spec.pad_l.assign(nsp, 0);
    spec.pad_r.assign(nsp, 0);
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

void RegisterKernel_onednn_GlobalMaxPool(KernelRegistry& registry) {
  KernelImpl k;
  k.op_type = "GlobalMaxPool";
  k.backend = "onednn";
  k.priority = 10;
  k.supports = PoolNodeBasics;
  k.make = [] { return std::unique_ptr<Kernel>(new OnednnGlobalMaxPool()); };
  registry.Register(std::move(k));
}

}  // namespace openacl
