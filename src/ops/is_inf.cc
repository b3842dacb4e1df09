// IsInf: bool mask of infinite elements; detect_negative / detect_positive select the signs.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

Status InferIsInf(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  RETURN_IF_ERROR(CheckSchemaType(node, 0));
  SetOutput(node, 0, DType::kBool, node.inputs[0]->shape);
  return Status::Ok();
}

class IsInfKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    negative_ = node.attrs.get_int("detect_negative", 1) != 0;
    positive_ = node.attrs.get_int("detect_positive", 1) != 0;
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef &x = io.in(0), &y = io.out(0);
    bool* out = y.as<bool>();
    for (int64_t i = 0; i < x.numel(); ++i) {
      double v = ReadAsDouble(x.data, x.dtype, i);
      out[i] = std::isinf(v) && ((v > 0 && positive_) || (v < 0 && negative_));
    }
    return Status::Ok();
  }

 private:
  bool negative_ = true, positive_ = true;
};

}  // namespace

void RegisterOp_IsInf(OpRegistry& registry) {
  OpSchema s;
  s.name = "IsInf";
  s.min_opset = 10;
  s.infer = InferIsInf;
  s.reference = [] { return std::unique_ptr<Kernel>(new IsInfKernel()); };
  s.types = FloatTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
