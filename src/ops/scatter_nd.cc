// ScatterND (opset 11+; reduction add/mul since 16, max/min since 18): out = data, then for each
// index tuple indices[i..][:k], out[tuple] (op)= updates[i..]. updates shape:
// indices.shape[:-1] + data.shape[k:].
#include "ops/common/scatter_util.h"

namespace openacl {
namespace {

Status InferScatterND(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 3));
  const Value *data = node.input(0), *idx = node.input(1), *upd = node.input(2);
  RETURN_IF_ERROR(CheckFixedSize(node, data->dtype));
  if (idx->dtype != DType::kInt64)
    return Status(StatusCode::kUnsupportedDataType,
                  node.Describe() + ": indices must be int64, got " + DTypeName(idx->dtype));
  size_t r = data->shape.size(), q = idx->shape.size();
  if (r < 1 || q < 1 || idx->shape[q - 1] < 0 || idx->shape[q - 1] > static_cast<int64_t>(r))
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": invalid data " +
                                                 ShapeToString(data->shape) + " / indices " +
                                                 ShapeToString(idx->shape));
  size_t k = static_cast<size_t>(idx->shape[q - 1]);
  Shape expect(idx->shape.begin(), idx->shape.end() - 1);
  expect.insert(expect.end(), data->shape.begin() + k, data->shape.end());
  if (upd->shape != expect || upd->dtype != data->dtype)
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": updates " +
                                                 ShapeToString(upd->shape) + " should be " +
                                                 ShapeToString(expect) + " of the data type");
  ASSIGN_OR_RETURN(ScatterReduction red, ParseScatterReduction(node));
  (void)red;
  SetOutput(node, 0, data->dtype, data->shape);
  return Status::Ok();
}

class ScatterNDKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    describe_ = node.Describe();
    ASSIGN_OR_RETURN(reduction_, ParseScatterReduction(node));
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef &data = io.in(0), &idx = io.in(1), &upd = io.in(2), &out = io.out(0);
    CopyUnlessAliased(data, out);
    size_t q = idx.rank();
    int64_t k = idx.dim(q - 1);
    int64_t tuples = DimProduct(*idx.shape, 0, q - 1);
    int64_t slice = DimProduct(*data.shape, static_cast<size_t>(k), data.rank());
    const int64_t* ind = idx.as<const int64_t>();
    for (int64_t t = 0; t < tuples; ++t) {
      int64_t off = 0;
      for (int64_t j = 0; j < k; ++j) {
        int64_t dim = data.dim(j), c = ind[t * k + j];
        if (c < -dim || c >= dim)
          return Status(StatusCode::kInvalidParam, describe_ + ": index " + std::to_string(c) +
                                                       " out of range for data dim " +
                                                       std::to_string(j));
        off = off * dim + (c < 0 ? c + dim : c);
      }
      ScatterCombine(out.data, off * slice, upd.data, t * slice, slice, data.dtype, reduction_);
    }
    return Status::Ok();
  }

 private:
  std::string describe_;
  ScatterReduction reduction_ = ScatterReduction::kNone;
};

}  // namespace

void RegisterOp_ScatterND(OpRegistry& registry) {
  OpSchema s;
  s.name = "ScatterND";
  s.min_opset = 11;
  s.min_inputs = s.max_inputs = 3;
  s.infer = InferScatterND;
  s.reference = [] { return std::unique_ptr<Kernel>(new ScatterNDKernel()); };
  s.types = AllFixedSizeTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
