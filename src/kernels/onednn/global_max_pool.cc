// oneDNN GlobalMaxPool: a pooling whose window is the whole spatial extent (GlobalPoolKernel).
#include "kernels/kernel_registry.h"
#include "kernels/onednn/pool_exec.h"

namespace openacl {

void RegisterKernel_onednn_GlobalMaxPool(KernelRegistry& registry) {
  KernelImpl k;
  k.op_type = "GlobalMaxPool";
  k.backend = "onednn";
  k.priority = 10;
  k.supports = onednn::PoolNodeBasics;
  k.make = [] {
    return std::unique_ptr<Kernel>(new onednn::GlobalPoolKernel(dnnl::algorithm::pooling_max));
  };
  registry.Register(std::move(k));
}

}  // namespace openacl
