// GatherND (opset 11+; batch_dims since 12): indices[..., k] address slices of data after the
// first batch_dims dims. Output: indices.shape[:-1] + data.shape[batch_dims + k:].
#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

int64_t BatchDims(const Node& node) {
  return node.opset >= 12 ? node.attrs.get_int("batch_dims", 0) : 0;
}

Status InferGatherND(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 2));
  const Value *data = node.input(0), *idx = node.input(1);
  RETURN_IF_ERROR(CheckFixedSize(node, data->dtype));
  if (idx->dtype != DType::kInt64)
    return Status(StatusCode::kUnsupportedDataType,
                  node.Describe() + ": indices must be int64, got " + DTypeName(idx->dtype));
  int64_t r = static_cast<int64_t>(data->shape.size()), q = static_cast<int64_t>(idx->shape.size());
  int64_t b = BatchDims(node);
  if (r < 1 || q < 1 || b < 0 || b >= std::min(r, q))
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": invalid ranks data " +
                                                 ShapeToString(data->shape) + ", indices " +
                                                 ShapeToString(idx->shape) + ", batch_dims " +
                                                 std::to_string(b));
  int64_t k = idx->shape[q - 1];
  if (k < 0)
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": last indices dim must be known");
  if (k > r - b)
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": indices tuples of length " +
                                                 std::to_string(k) + " exceed data rank " +
                                                 std::to_string(r) + " minus batch_dims");
  for (int64_t i = 0; i < b; ++i)
    if (data->shape[i] >= 0 && idx->shape[i] >= 0 && data->shape[i] != idx->shape[i])
      return Status(StatusCode::kShapeInvalid, node.Describe() + ": batch dims of data " +
                                                   ShapeToString(data->shape) + " and indices " +
                                                   ShapeToString(idx->shape) + " differ");
  Shape out(idx->shape.begin(), idx->shape.end() - 1);
  out.insert(out.end(), data->shape.begin() + b + k, data->shape.end());
  SetOutput(node, 0, data->dtype, out);
  return Status::Ok();
}

class GatherNDKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    describe_ = node.Describe();
    batch_dims_ = BatchDims(node);
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef &data = io.in(0), &idx = io.in(1);
    size_t es = DTypeSize(data.dtype);
    size_t b = static_cast<size_t>(batch_dims_), r = data.rank(), q = idx.rank();
    int64_t k = idx.dim(q - 1);
    int64_t batches = DimProduct(*data.shape, 0, b);
    int64_t tuples = DimProduct(*idx.shape, b, q - 1);
    int64_t slice = DimProduct(*data.shape, b + static_cast<size_t>(k), r);
    int64_t batch_stride = DimProduct(*data.shape, b, r);
    const int64_t* ind = idx.as<const int64_t>();
    const uint8_t* src = static_cast<const uint8_t*>(data.data);
    uint8_t* dst = static_cast<uint8_t*>(io.out(0).data);
    for (int64_t bi = 0; bi < batches; ++bi) {
      for (int64_t t = 0; t < tuples; ++t, dst += slice * es) {
        const int64_t* tuple = ind + (bi * tuples + t) * k;
        int64_t off = 0;
        for (int64_t j = 0; j < k; ++j) {
          int64_t dim = data.dim(b + j), c = tuple[j];
          if (c < -dim || c >= dim)
            return Status(StatusCode::kInvalidParam, describe_ + ": index " + std::to_string(c) +
                                                         " out of range for data dim " +
                                                         std::to_string(b + j));
          off = off * dim + (c < 0 ? c + dim : c);
        }
        std::memcpy(dst, src + (bi * batch_stride + off * slice) * es, slice * es);
      }
    }
    return Status::Ok();
  }

 private:
  std::string describe_;
  int64_t batch_dims_ = 0;
};

}  // namespace

void RegisterOp_GatherND(OpRegistry& registry) {
  OpSchema s;
  s.name = "GatherND";
  s.min_opset = 11;
  s.min_inputs = s.max_inputs = 2;
  s.infer = InferGatherND;
  s.reference = [] { return std::unique_ptr<Kernel>(new GatherNDKernel()); };
  s.types = AllFixedSizeTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
