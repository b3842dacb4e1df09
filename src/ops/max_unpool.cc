// MaxUnpool (opset 9/11): scatters X into a zero tensor at the flat indices I produced by
// MaxPool. The output size is (in - 1) * stride + kernel - pads, or a constant output_shape.
#include "base/checked_math.h"
#include <cstring>

#include "ops/common/shape_util.h"
#include "ops/op_registry.h"

namespace openacl {
namespace {

// The unpooled shape implied by the attributes (the frame the indices I refer to).
Result<Shape> DefaultShape(const Node& node) {
  const Shape& x = node.input(0)->shape;
  if (x.size() < 3) return InvalidParam(node.Describe() + ": X must have rank >= 3");
  const size_t rank = x.size() - 2;
  std::vector<int64_t> k = node.attrs.get_ints("kernel_shape");
  std::vector<int64_t> strides = node.attrs.get_ints("strides", std::vector<int64_t>(rank, 1));
  std::vector<int64_t> pads = node.attrs.get_ints("pads", std::vector<int64_t>(2 * rank, 0));
  if (k.size() != rank || strides.size() != rank || pads.size() != 2 * rank)
    return InvalidParam(node.Describe() + ": kernel_shape/strides/pads do not match X " +
                        ShapeToString(x));
  Shape out = {x[0], x[1]};
  for (size_t d = 0; d < rank; ++d)
    out.push_back(SatAddDim(SatAddDim(SatMulDim(x[2 + d] - 1, strides[d]), k[d]),
                            -SatAddDim(pads[d], pads[rank + d])));
  return out;
}

// output_shape (input 2, constant) when given, else the default shape.
Result<Shape> UnpoolShape(const Node& node) {
  if (node.input(2)) {
    ASSIGN_OR_RETURN(std::vector<int64_t> shape, ConstantInts(node, 2));
    return Shape(shape.begin(), shape.end());
  }
  return DefaultShape(node);
}

Status InferMaxUnpool(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 2));
  ASSIGN_OR_RETURN(Shape out, UnpoolShape(node));
  SetOutput(node, 0, node.input(0)->dtype, out);
  return Status::Ok();
}

class MaxUnpoolKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    who_ = node.Describe();
    ASSIGN_OR_RETURN(frame_, DefaultShape(node));
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef& x = io.in(0);
    const TensorRef& idx = io.in(1);
    const TensorRef& y = io.out(0);
    std::memset(y.data, 0, y.nbytes());
    const size_t elem = DTypeSize(x.dtype);
    for (int64_t i = 0; i < x.numel(); ++i) {
      int64_t at = ReadAsInt64(idx.data, idx.dtype, i);
      // Indices address the default frame; an explicit output_shape pads it at the end.
      if (*y.shape != frame_) {
        int64_t rem = at, mapped = 0, stride = 1;
        for (size_t d = frame_.size(); d-- > 0;) {
          int64_t c = rem % frame_[d];
          rem /= frame_[d];
          if (c >= y.dim(d)) return InvalidParam(who_ + ": index outside output_shape");
          mapped += c * stride;
          stride *= y.dim(d);
        }
        at = mapped;
      }
      if (at < 0 || at >= y.numel())
        return InvalidParam(who_ + ": index " + std::to_string(at) + " is outside the output (" +
                            std::to_string(y.numel()) + " elements)");
      std::memcpy(static_cast<uint8_t*>(y.data) + at * elem,
                  static_cast<const uint8_t*>(x.data) + i * elem, elem);
    }
    return Status::Ok();
  }

 private:
  std::string who_;
  Shape frame_;
};

}  // namespace

void RegisterOp_MaxUnpool(OpRegistry& registry) {
  OpSchema s;
  s.name = "MaxUnpool";
  s.min_opset = 9;
  s.min_inputs = 2;
  s.max_inputs = 3;
  s.infer = InferMaxUnpool;
  s.reference = [] { return std::unique_ptr<Kernel>(new MaxUnpoolKernel()); };
  s.types = {DType::kFloat32, DType::kFloat64, DType::kFloat16};
  registry.Register(std::move(s));
}

}  // namespace openacl
