// Concat (opset 4+; negative axis since 11): joins inputs along `axis`; other dims must match.
#include <limits>

#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

Status InferConcat(Node& node) {
  if (node.inputs.empty())
    return Status(StatusCode::kParseModel, node.Describe() + ": needs at least one input");
  RETURN_IF_ERROR(CheckInputsKnown(node, node.inputs.size()));
  if (!node.attrs.has("axis"))
    return Status(StatusCode::kParseModel, node.Describe() + ": attribute 'axis' is required");
  const Value* first = node.input(0);
  RETURN_IF_ERROR(CheckFixedSize(node, first->dtype));
  int64_t rank = static_cast<int64_t>(first->shape.size());
  ASSIGN_OR_RETURN(int64_t axis, NormalizeAxis(node.attrs.get_int("axis"), rank, node));
  if (rank == 0)
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": cannot concatenate scalars");
  Shape out = first->shape;
  for (size_t i = 1; i < node.inputs.size(); ++i) {
    const Value* v = node.input(i);
    if (v->dtype != first->dtype)
      return Status(StatusCode::kShapeInvalid, node.Describe() + ": input " + std::to_string(i) +
                                                   " has type " + DTypeName(v->dtype) +
                                                   ", input 0 has " + DTypeName(first->dtype));
    bool ok = static_cast<int64_t>(v->shape.size()) == rank;
    for (int64_t d = 0; ok && d < rank; ++d) {
      if (d == axis) continue;
      if (out[d] < 0) out[d] = v->shape[d];
      ok = v->shape[d] < 0 || v->shape[d] == out[d];
    }
    if (!ok)
      return Status(StatusCode::kShapeInvalid,
                    node.Describe() + ": input " + std::to_string(i) + " shape " +
                        ShapeToString(v->shape) + " does not match input 0 shape " +
                        ShapeToString(first->shape) + " outside axis " + std::to_string(axis));
    out[axis] = out[axis] < 0 || v->shape[axis] < 0 ? -1 : out[axis] + v->shape[axis];
  }
  SetOutput(node, 0, first->dtype, out);
  return Status::Ok();
}

class ConcatKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(axis_, NormalizeAxis(node.attrs.get_int("axis"),
                                          static_cast<int64_t>(node.input(0)->shape.size()), node));
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef& out = io.out(0);
    size_t es = DTypeSize(out.dtype);
    size_t a = static_cast<size_t>(axis_);
    int64_t outer = DimProduct(*out.shape, 0, a);
    int64_t inner = DimProduct(*out.shape, a + 1, out.rank());
    size_t out_row = static_cast<size_t>(out.dim(a) * inner) * es;
    uint8_t* dst = static_cast<uint8_t*>(out.data);
    size_t col = 0;
    for (size_t i = 0; i < io.num_inputs; ++i) {
      const TensorRef& in = io.in(i);
      size_t row = static_cast<size_t>(in.dim(a) * inner) * es;
      const uint8_t* src = static_cast<const uint8_t*>(in.data);
      for (int64_t o = 0; o < outer && row > 0; ++o)
        std::memcpy(dst + o * out_row + col, src + o * row, row);
      col += row;
    }
    return Status::Ok();
  }

 private:
  int64_t axis_ = 0;
};

}  // namespace

void RegisterOp_Concat(OpRegistry& registry) {
  OpSchema s;
  s.name = "Concat";
  s.min_opset = 4;
  s.max_inputs = std::numeric_limits<int>::max();
  s.infer = InferConcat;
  s.reference = [] { return std::unique_ptr<Kernel>(new ConcatKernel()); };
  s.types = AllFixedSizeTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
