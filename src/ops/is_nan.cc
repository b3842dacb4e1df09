// IsNaN: bool mask of NaN elements (float types).
#include "ops/common/math_util.h"

namespace openacl {
namespace {

Status InferIsNaN(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  RETURN_IF_ERROR(CheckSchemaType(node, 0));
  SetOutput(node, 0, DType::kBool, node.inputs[0]->shape);
  return Status::Ok();
}

class IsNaNKernel : public Kernel {
 public:
  Status Run(const KernelIO& io) const override {
    const TensorRef &x = io.in(0), &y = io.out(0);
    bool* out = y.as<bool>();
    for (int64_t i = 0; i < x.numel(); ++i) out[i] = std::isnan(ReadAsDouble(x.data, x.dtype, i));
    return Status::Ok();
  }
};

}  // namespace

void RegisterOp_IsNaN(OpRegistry& registry) {
  OpSchema s;
  s.name = "IsNaN";
  s.min_opset = 9;
  s.infer = InferIsNaN;
  s.reference = [] { return std::unique_ptr<Kernel>(new IsNaNKernel()); };
  s.types = FloatTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
