#include "kernels/kernel_registry.h"

namespace openacl {

#define OPENACL_KERNEL(backend, op) void RegisterKernel_##backend##_##op(KernelRegistry& registry);
#include "kernels/kernels.def"
#undef OPENACL_KERNEL

const KernelRegistry& KernelRegistry::Get() {
  static const KernelRegistry* registry = [] {
    auto* r = new KernelRegistry();
#define OPENACL_KERNEL(backend, op) RegisterKernel_##backend##_##op(*r);
#include "kernels/kernels.def"
#undef OPENACL_KERNEL
    return r;
  }();
  return *registry;
}

void KernelRegistry::Register(KernelImpl impl) { impls_.push_back(std::move(impl)); }

std::vector<const KernelImpl*> KernelRegistry::For(const std::string& op_type) const {
  std::vector<const KernelImpl*> out;
  for (const auto& k : impls_)
    if (k.op_type == op_type) out.push_back(&k);
  return out;
}

std::vector<const KernelImpl*> KernelRegistry::All() const {
  std::vector<const KernelImpl*> out;
  for (const auto& k : impls_) out.push_back(&k);
  return out;
}

std::string ChooseKernel(const Node& node) {
  const KernelImpl* best = nullptr;
  for (const KernelImpl* k : KernelRegistry::Get().For(node.op_type)) {
    if (k->supports && !k->supports(node)) continue;
    if (!best || k->priority > best->priority) best = k;
  }
  return best ? best->backend : "reference";
}

Result<std::unique_ptr<Kernel>> CreateKernel(const Node& node, const std::string& choice) {
  std::string name = choice.empty() ? ChooseKernel(node) : choice;
  if (name == "reference") return CreateReferenceKernel(node);
  for (const KernelImpl* k : KernelRegistry::Get().For(node.op_type)) {
    if (k->backend != name) continue;
    if (k->supports && !k->supports(node)) continue;
    std::unique_ptr<Kernel> kernel = k->make();
    RETURN_IF_ERROR(kernel->Prepare(node));
    return kernel;
  }
  return Status(StatusCode::kOpLoadFailed, node.Describe() + ": kernel '" + name +
                                               "' recorded in the model is not available");
}

}  // namespace openacl
