// The kernel interface shared by reference kernels (ops/) and fast kernels (kernels/<backend>/).
// Lifecycle: Prepare once per load (shapes static, weights visible as constants) -> Run many
// times (hot path: no allocation, no model validation).
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/status.h"
#include "ir/graph.h"

namespace openacl {

// A bound tensor at run time. `shape` points into the loaded model's value table and is valid
// for the lifetime of the kernel. An omitted optional input has shape == nullptr.
struct TensorRef {
  void* data = nullptr;
  DType dtype = DType::kUndefined;
  const Shape* shape = nullptr;

  bool present() const { return shape != nullptr; }
  int64_t numel() const { return shape ? NumElements(*shape) : 0; }
  size_t nbytes() const { return static_cast<size_t>(numel()) * DTypeSize(dtype); }
  size_t rank() const { return shape ? shape->size() : 0; }
  int64_t dim(size_t i) const { return (*shape)[i]; }
  template <typename T>
  T* as() const { return static_cast<T*>(data); }
};

struct KernelIO {
  const TensorRef* inputs = nullptr;
  size_t num_inputs = 0;
  const TensorRef* outputs = nullptr;
  size_t num_outputs = 0;
  void* scratch = nullptr;  // ScratchBytes() bytes, 64-byte aligned, private to this run

  const TensorRef& in(size_t i) const { return inputs[i]; }
  const TensorRef& out(size_t i) const { return outputs[i]; }
  bool has_input(size_t i) const { return i < num_inputs && inputs[i].present(); }
  bool has_output(size_t i) const { return i < num_outputs && outputs[i].present(); }
};

class Kernel {
 public:
  virtual ~Kernel() = default;
  // Validates attributes against the (static) input/output shapes of `node`, pre-packs weights.
  virtual Status Prepare(const Node& node) {
    (void)node;
    return Status::Ok();
  }
  virtual size_t ScratchBytes() const { return 0; }
  // Must be safe to call concurrently from several threads with different KernelIO.
  virtual Status Run(const KernelIO& io) const = 0;
};

}  // namespace openacl
