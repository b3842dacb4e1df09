// OneHot (opset 9+; negative indices since 11): out has a new `axis` of size depth (constant
// input); out = values[1] where the index matches, values[0] elsewhere.
#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

Result<int64_t> Depth(const Node& node) {
  ASSIGN_OR_RETURN(std::vector<double> d, ConstantDoubles(node, 1));
  if (d.size() != 1 || d[0] < 1)
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": depth must be a positive scalar");
  return static_cast<int64_t>(d[0]);
}

Status InferOneHot(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 3));
  const Value *idx = node.input(0), *values = node.input(2);
  RETURN_IF_ERROR(CheckFixedSize(node, values->dtype));
  if (NumElements(values->shape) != 2)
    return Status(
        StatusCode::kShapeInvalid,
        node.Describe() + ": values must have 2 elements, got " + ShapeToString(values->shape));
  ASSIGN_OR_RETURN(int64_t depth, Depth(node));
  int64_t out_rank = static_cast<int64_t>(idx->shape.size()) + 1;
  ASSIGN_OR_RETURN(int64_t axis, NormalizeAxis(node.attrs.get_int("axis", -1), out_rank, node));
  Shape out = idx->shape;
  out.insert(out.begin() + axis, depth);
  SetOutput(node, 0, values->dtype, out);
  return Status::Ok();
}

class OneHotKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    int64_t out_rank = static_cast<int64_t>(node.input(0)->shape.size()) + 1;
    ASSIGN_OR_RETURN(int64_t axis, NormalizeAxis(node.attrs.get_int("axis", -1), out_rank, node));
    ASSIGN_OR_RETURN(depth_, Depth(node));
    // Indices split as [outer, inner] around the new axis.
    inner_ = DimProduct(node.input(0)->shape, static_cast<size_t>(axis), out_rank - 1);
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef &idx = io.in(0), &values = io.in(2), &out = io.out(0);
    size_t es = DTypeSize(out.dtype);
    const uint8_t* off = static_cast<const uint8_t*>(values.data);
    const uint8_t* on = off + es;
    uint8_t* dst = static_cast<uint8_t*>(out.data);
    int64_t total = out.numel();
    for (int64_t i = 0; i < total; ++i) std::memcpy(dst + i * es, off, es);
    int64_t n = idx.numel();
    for (int64_t i = 0; i < n; ++i) {
      int64_t k = ReadAsInt64(idx.data, idx.dtype, i);
      if (k < 0) k += depth_;
      if (k < 0 || k >= depth_) continue;
      int64_t o = i / inner_, in = i % inner_;
      std::memcpy(dst + ((o * depth_ + k) * inner_ + in) * es, on, es);
    }
    return Status::Ok();
  }

 private:
  int64_t depth_ = 0, inner_ = 1;
};

}  // namespace

void RegisterOp_OneHot(OpRegistry& registry) {
  OpSchema s;
  s.name = "OneHot";
  s.min_opset = 9;
  s.min_inputs = s.max_inputs = 3;
  s.infer = InferOneHot;
  s.reference = [] { return std::unique_ptr<Kernel>(new OneHotKernel()); };
  s.types = AllFixedSizeTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
