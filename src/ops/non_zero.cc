// NonZero: the int64 indices of the non-zero elements, shape [rank, count], row-major order
// (numpy.nonzero stacked). A scalar input is treated like numpy does: shape [1, count], index 0.
// The count depends on the values: infer computes it when the input is constant, else -1.
#include <algorithm>

#include "ops/common/math_util.h"
#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

bool IsNonZero(const void* data, DType dtype, int64_t i) {
  return ReadAsDouble(data, dtype, i) != 0.0;  // NaN counts as non-zero, -0.0 as zero
}

int64_t CountNonZero(const void* data, DType dtype, int64_t n) {
  int64_t count = 0;
  for (int64_t i = 0; i < n; ++i) count += IsNonZero(data, dtype, i) ? 1 : 0;
  return count;
}

Status InferNonZero(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  const Value* x = node.inputs[0];
  RETURN_IF_ERROR(CheckFixedSize(node, x->dtype));
  int64_t rows = std::max<int64_t>(1, static_cast<int64_t>(x->shape.size()));
  int64_t count = -1;
  if (x->is_constant()) count = CountNonZero(x->constant->data(), x->dtype, NumElements(x->shape));
  SetOutput(node, 0, DType::kInt64, {rows, count});
  return Status::Ok();
}

class NonZeroKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    desc_ = node.Describe();
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef &x = io.in(0), &y = io.out(0);
    int64_t n = x.numel(), rank = static_cast<int64_t>(x.rank());
    int64_t count = CountNonZero(x.data, x.dtype, n);
    if (y.rank() != 2 || y.dim(0) != std::max<int64_t>(rank, 1) || y.dim(1) != count)
      return Status(StatusCode::kShapeInvalid, desc_ + ": output shape " + ShapeToString(*y.shape) +
                                                   " does not match the " + std::to_string(count) +
                                                   " non-zero elements of the input");
    int64_t* out = y.as<int64_t>();
    if (rank == 0) {
      if (count == 1) out[0] = 0;
      return Status::Ok();
    }
    const Shape& shape = *x.shape;
    int64_t k = 0;
    for (int64_t i = 0; i < n; ++i) {
      if (!IsNonZero(x.data, x.dtype, i)) continue;
      int64_t rem = i;
      for (int64_t d = rank - 1; d >= 0; --d) {
        out[d * count + k] = rem % shape[d];
        rem /= shape[d];
      }
      ++k;
    }
    return Status::Ok();
  }

 private:
  std::string desc_ = "NonZero";
};

}  // namespace

void RegisterOp_NonZero(OpRegistry& registry) {
  OpSchema s;
  s.name = "NonZero";
  s.min_opset = 9;
  s.min_inputs = s.max_inputs = 1;
  s.infer = InferNonZero;
  s.reference = [] { return std::unique_ptr<Kernel>(new NonZeroKernel()); };
  s.types = AllFixedSizeTypes();
  s.output_shape_from_values = true;
  registry.Register(std::move(s));
}

}  // namespace openacl
