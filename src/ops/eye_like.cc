// EyeLike (opset 9+): a 2-D tensor shaped like the input with ones on diagonal k, zeros
// elsewhere; `dtype` attribute overrides the input's type.
#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

Status InferEyeLike(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  const Value* x = node.input(0);
  if (x->shape.size() != 2)
    return Status(StatusCode::kShapeInvalid,
                  node.Describe() + ": input must be 2-D, got " + ShapeToString(x->shape));
  DType dt = node.attrs.has("dtype") ? static_cast<DType>(node.attrs.get_int("dtype")) : x->dtype;
  RETURN_IF_ERROR(CheckFixedSize(node, dt));
  SetOutput(node, 0, dt, x->shape);
  return Status::Ok();
}

class EyeLikeKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    k_ = node.attrs.get_int("k", 0);
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef& y = io.out(0);
    std::memset(y.data, 0, y.nbytes());
    int64_t rows = y.dim(0), cols = y.dim(1);
    for (int64_t i = 0; i < rows; ++i) {
      int64_t j = i + k_;
      if (j >= 0 && j < cols) WriteFromDouble(y.data, y.dtype, i * cols + j, 1.0);
    }
    return Status::Ok();
  }

 private:
  int64_t k_ = 0;
};

}  // namespace

void RegisterOp_EyeLike(OpRegistry& registry) {
  OpSchema s;
  s.name = "EyeLike";
  s.min_opset = 9;
  s.infer = InferEyeLike;
  s.reference = [] { return std::unique_ptr<Kernel>(new EyeLikeKernel()); };
  s.types = AllFixedSizeTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
