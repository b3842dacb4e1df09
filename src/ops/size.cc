// Size (opset 1+): the input's element count as an int64 scalar.
#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

Status InferSize(Node& node) {
  if (!node.input(0) || !node.input(0)->has_shape)
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": input shape is unknown");
  SetOutput(node, 0, DType::kInt64, {});
  return Status::Ok();
}

class SizeKernel : public Kernel {
 public:
  Status Run(const KernelIO& io) const override {
    *io.out(0).as<int64_t>() = io.in(0).numel();
    return Status::Ok();
  }
};

}  // namespace

void RegisterOp_Size(OpRegistry& registry) {
  OpSchema s;
  s.name = "Size";
  s.min_opset = 1;
  s.infer = InferSize;
  s.reference = [] { return std::unique_ptr<Kernel>(new SizeKernel()); };
  s.types = AllFixedSizeTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
