// Helpers for shape and data-movement ops: attribute-or-input parameters, dim arithmetic with
// unknown dims, and dtype-agnostic byte movement (strided copies, aliasing-aware copies).
#pragma once

#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "base/checked_math.h"
#include "ops/common/shape_util.h"
#include "ops/kernel.h"
#include "ops/op_registry.h"

namespace openacl {

// Every dtype with a fixed element size (pure data movement handles all of them).
std::vector<DType> AllFixedSizeTypes();
// Error unless `dtype` has a fixed element size (strings and undefined are rejected).
Status CheckFixedSize(const Node& node, DType dtype);
// True when optional input i is given (not omitted).
inline bool HasInput(const Node& node, size_t i) { return node.input(i) != nullptr; }

// The parameter `attr` before opset `input_since`, constant input `index` from then on.
// nullopt when neither is given.
Result<std::optional<std::vector<int64_t>>> IntsAttrOrInput(const Node& node,
                                                            const std::string& attr, size_t index,
                                                            int input_since);
// Reads a constant numeric input as doubles (e.g. Resize scales); error if not constant.
Result<std::vector<double>> ConstantDoubles(const Node& node, size_t index);

// Product of dims [begin, end); -1 if any is unknown.
int64_t DimProduct(const Shape& shape, size_t begin, size_t end);
inline int64_t DimProduct(const Shape& shape) { return DimProduct(shape, 0, shape.size()); }

// A tensor viewed as outer x len x inner around `axis`; axis < 0: the flattened tensor
// (outer = inner = 1).
struct AxisGeometry {
  int64_t outer = 1, len = 0, inner = 1;
};
AxisGeometry GeometryAroundAxis(const Shape& shape, int64_t axis);

// The node's normalized "axis" attribute, or -1 when it is absent (ops that then work on the
// flattened input: Compress, Unique). An axis on a scalar is an error naming the node.
Result<int64_t> OptionalAxis(const Node& node, size_t rank);
// a * b with unknown (-1) propagation.
// Unknown (-1) when either is; kDimOverflow (base/checked_math.h) when the product overflows.
inline int64_t MulDims(int64_t a, int64_t b) { return SatMulDim(a, b); }

// Copies input 0 to output 0 unless the planner aliased them (same pointer).
inline void CopyUnlessAliased(const TensorRef& in, const TensorRef& out) {
  if (out.data != in.data && in.nbytes() > 0) std::memcpy(out.data, in.data, in.nbytes());
}
class CopyKernel : public Kernel {
 public:
  Status Run(const KernelIO& io) const override {
    CopyUnlessAliased(io.in(0), io.out(0));
    return Status::Ok();
  }
};

// An N-d view into a source buffer: element (i0..in) is at offset + sum(i_k * strides[k])
// (elements; strides may be 0 or negative). CopyStrided writes the view densely, row-major.
struct StridedView {
  Shape shape;
  std::vector<int64_t> strides;
  int64_t offset = 0;
  // Drops size-1 dims and merges dims that are contiguous with each other (faster copies).
  void Simplify();
};
void CopyStrided(void* dst, const void* src, const StridedView& view, size_t elem_size);

}  // namespace openacl
