// GatherElements (opset 11+): out[i..] = data[i.. with i_axis replaced by indices[i..]].
// Output shape = indices shape; data and indices have the same rank.
#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

Status InferGatherElements(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 2));
  const Value *data = node.input(0), *idx = node.input(1);
  RETURN_IF_ERROR(CheckFixedSize(node, data->dtype));
  if (idx->dtype != DType::kInt32 && idx->dtype != DType::kInt64)
    return Status(
        StatusCode::kUnsupportedDataType,
        node.Describe() + ": indices must be int32 or int64, got " + DTypeName(idx->dtype));
  int64_t rank = static_cast<int64_t>(data->shape.size());
  if (rank == 0 || idx->shape.size() != data->shape.size())
    return Status(StatusCode::kShapeInvalid,
                  node.Describe() + ": data " + ShapeToString(data->shape) + " and indices " +
                      ShapeToString(idx->shape) + " must have the same non-zero rank");
  ASSIGN_OR_RETURN(int64_t axis, NormalizeAxis(node.attrs.get_int("axis", 0), rank, node));
  (void)axis;
  SetOutput(node, 0, data->dtype, idx->shape);
  return Status::Ok();
}

class GatherElementsKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    describe_ = node.Describe();
    const Shape& data = node.input(0)->shape;
    ASSIGN_OR_RETURN(axis_, NormalizeAxis(node.attrs.get_int("axis", 0),
                                          static_cast<int64_t>(data.size()), node));
    const Shape& idx = node.input(1)->shape;
    for (size_t d = 0; d < data.size(); ++d)
      if (d != static_cast<size_t>(axis_) && idx[d] > data[d])
        return Status(StatusCode::kShapeInvalid, describe_ + ": indices " + ShapeToString(idx) +
                                                     " exceed data " + ShapeToString(data) +
                                                     " outside the axis");
    data_strides_ = Strides(data);
    idx_strides_ = Strides(idx);
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef &data = io.in(0), &idx = io.in(1);
    size_t es = DTypeSize(data.dtype);
    int64_t dim = data.dim(static_cast<size_t>(axis_));
    const uint8_t* src = static_cast<const uint8_t*>(data.data);
    uint8_t* dst = static_cast<uint8_t*>(io.out(0).data);
    int64_t n = idx.numel();
    for (int64_t i = 0; i < n; ++i) {
      int64_t k = ReadAsInt64(idx.data, idx.dtype, i);
      if (k < -dim || k >= dim)
        return Status(StatusCode::kInvalidParam, describe_ + ": index " + std::to_string(k) +
                                                     " out of range for axis size " +
                                                     std::to_string(dim));
      if (k < 0) k += dim;
      int64_t rem = i, off = 0;
      for (size_t d = 0; d < idx_strides_.size(); ++d) {
        int64_t c = rem / idx_strides_[d];
        rem -= c * idx_strides_[d];
        off += (d == static_cast<size_t>(axis_) ? k : c) * data_strides_[d];
      }
      std::memcpy(dst + i * es, src + off * es, es);
    }
    return Status::Ok();
  }

 private:
  std::string describe_;
  int64_t axis_ = 0;
  std::vector<int64_t> data_strides_, idx_strides_;
};

}  // namespace

void RegisterOp_GatherElements(OpRegistry& registry) {
  OpSchema s;
  s.name = "GatherElements";
  s.min_opset = 11;
  s.min_inputs = s.max_inputs = 2;
  s.infer = InferGatherElements;
  s.reference = [] { return std::unique_ptr<Kernel>(new GatherElementsKernel()); };
  s.types = AllFixedSizeTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
