// CastLike (opset 15): casts input 0 to the element type of input 1.
#include "ops/common/cast_util.h"
#include "ops/common/math_util.h"

namespace openacl {
namespace {

Status InferCastLike(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 2));
  for (size_t i = 0; i < 2; ++i)
    if (!IsCastableType(node.inputs[i]->dtype)) return UnsupportedType(node, node.inputs[i]->dtype);
  SetOutput(node, 0, node.inputs[1]->dtype, node.inputs[0]->shape);
  return Status::Ok();
}

class CastLikeKernel : public Kernel {
 public:
  Status Run(const KernelIO& io) const override {
    CastElements(io.in(0).data, io.in(0).dtype, io.out(0).data, io.out(0).dtype, io.in(0).numel());
    return Status::Ok();
  }
};

}  // namespace

void RegisterOp_CastLike(OpRegistry& registry) {
  OpSchema s;
  s.name = "CastLike";
  s.min_opset = 15;
  s.min_inputs = s.max_inputs = 2;
  s.infer = InferCastLike;
  s.reference = [] { return std::unique_ptr<Kernel>(new CastLikeKernel()); };
  s.types = Concat(NumericTypes(), {DType::kBool});
  registry.Register(std::move(s));
}

}  // namespace openacl
