// Fast kernels by backend (kernels/cpu, kernels/onednn). Each is one file plus one line in
// kernels.def. Selection picks the highest-priority kernel whose Supports() accepts the node and
// falls back to the op's reference kernel; the choice is recorded in the .om by name.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ops/op_registry.h"

namespace openacl {

struct KernelImpl {
  std::string op_type;
  std::string backend;   // "cpu", "onednn"
  int priority = 0;      // higher wins
  bool (*supports)(const Node& node) = nullptr;  // nullptr = supports everything
  KernelFactory make = nullptr;
};

class KernelRegistry {
 public:
  static const KernelRegistry& Get();
  void Register(KernelImpl impl);
  std::vector<const KernelImpl*> For(const std::string& op_type) const;
  std::vector<const KernelImpl*> All() const;

 private:
  std::vector<KernelImpl> impls_;
};

// Name of the best kernel for a node: a backend name or "reference".
std::string ChooseKernel(const Node& node);
// Creates and prepares the kernel named `choice` ("" = choose now) for `node`.
Result<std::unique_ptr<Kernel>> CreateKernel(const Node& node, const std::string& choice);

}  // namespace openacl
