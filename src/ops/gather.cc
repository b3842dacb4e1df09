// Gather (opset 1+): out = data indexed along `axis` by `indices` (int32/int64, negative counts
// from the end). Output shape: data[:axis] + indices.shape + data[axis+1:].
#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

Status InferGather(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 2));
  const Value *data = node.input(0), *idx = node.input(1);
  RETURN_IF_ERROR(CheckFixedSize(node, data->dtype));
  if (idx->dtype != DType::kInt32 && idx->dtype != DType::kInt64)
    return Status(
        StatusCode::kUnsupportedDataType,
        node.Describe() + ": indices must be int32 or int64, got " + DTypeName(idx->dtype));
  int64_t rank = static_cast<int64_t>(data->shape.size());
  if (rank == 0) return Status(StatusCode::kShapeInvalid, node.Describe() + ": data is a scalar");
  ASSIGN_OR_RETURN(int64_t axis, NormalizeAxis(node.attrs.get_int("axis", 0), rank, node));
  Shape out(data->shape.begin(), data->shape.begin() + axis);
  out.insert(out.end(), idx->shape.begin(), idx->shape.end());
  out.insert(out.end(), data->shape.begin() + axis + 1, data->shape.end());
  SetOutput(node, 0, data->dtype, out);
  return Status::Ok();
}

class GatherKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    describe_ = node.Describe();
    ASSIGN_OR_RETURN(axis_, NormalizeAxis(node.attrs.get_int("axis", 0),
                                          static_cast<int64_t>(node.input(0)->shape.size()), node));
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef &data = io.in(0), &idx = io.in(1);
    size_t es = DTypeSize(data.dtype);
    size_t a = static_cast<size_t>(axis_);
    int64_t outer = DimProduct(*data.shape, 0, a);
    int64_t dim = data.dim(a);
    size_t inner = static_cast<size_t>(DimProduct(*data.shape, a + 1, data.rank())) * es;
    int64_t n = idx.numel();
    const uint8_t* src = static_cast<const uint8_t*>(data.data);
    uint8_t* dst = static_cast<uint8_t*>(io.out(0).data);
    for (int64_t j = 0; j < n; ++j) {  // validate once, not per outer row
      int64_t k = ReadAsInt64(idx.data, idx.dtype, j);
      if (k < -dim || k >= dim)
        return Status(StatusCode::kInvalidParam, describe_ + ": index " + std::to_string(k) +
                                                     " out of range for axis size " +
                                                     std::to_string(dim));
    }
    for (int64_t o = 0; o < outer; ++o) {
      for (int64_t j = 0; j < n; ++j, dst += inner) {
        int64_t k = ReadAsInt64(idx.data, idx.dtype, j);
        if (k < 0) k += dim;
        std::memcpy(dst, src + (o * dim + k) * inner, inner);
      }
    }
    return Status::Ok();
  }

 private:
  std::string describe_;
  int64_t axis_ = 0;
};

}  // namespace

void RegisterOp_Gather(OpRegistry& registry) {
  OpSchema s;
  s.name = "Gather";
  s.min_opset = 1;
  s.min_inputs = s.max_inputs = 2;
  s.infer = InferGather;
  s.reference = [] { return std::unique_ptr<Kernel>(new GatherKernel()); };
  s.types = AllFixedSizeTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
