// Shrink (opset 9): y = x + bias if x < -lambd, x - bias if x > lambd, else 0.
#include "ops/common/shape_util.h"
#include "ops/op_registry.h"

namespace openacl {
namespace {

Status InferShrink(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  SetOutput(node, 0, node.input(0)->dtype, node.input(0)->shape);
  return Status::Ok();
}

class ShrinkKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    bias_ = node.attrs.get_float("bias", 0.0f);
    lambd_ = node.attrs.get_float("lambd", 0.5f);
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef& x = io.in(0);
    const TensorRef& y = io.out(0);
    for (int64_t i = 0; i < x.numel(); ++i) {
      double v = ReadAsDouble(x.data, x.dtype, i);
      double r = v < -lambd_ ? v + bias_ : v > lambd_ ? v - bias_ : 0.0;
      WriteFromDouble(y.data, y.dtype, i, r);
    }
    return Status::Ok();
  }

 private:
  double bias_ = 0, lambd_ = 0.5;
};

}  // namespace

void RegisterOp_Shrink(OpRegistry& registry) {
  OpSchema s;
  s.name = "Shrink";
  s.min_opset = 9;
  s.infer = InferShrink;
  s.reference = [] { return std::unique_ptr<Kernel>(new ShrinkKernel()); };
  s.types = {DType::kFloat32, DType::kFloat64, DType::kFloat16, DType::kInt8,
             DType::kUInt8,   DType::kInt16,   DType::kUInt16,  DType::kInt32,
             DType::kUInt32,  DType::kInt64,   DType::kUInt64};
  registry.Register(std::move(s));
}

}  // namespace openacl
