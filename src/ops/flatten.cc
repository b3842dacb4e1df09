// Flatten (opset 1+; negative axis since 11): [d0..dn) -> [prod(d0..d_axis), prod(d_axis..dn)].
#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

Status InferFlatten(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  const Value* x = node.input(0);
  RETURN_IF_ERROR(CheckFixedSize(node, x->dtype));
  int64_t rank = static_cast<int64_t>(x->shape.size());
  int64_t axis = node.attrs.get_int("axis", 1);
  if (axis < -rank || axis > rank)
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": axis " + std::to_string(axis) +
                                                 " out of range for rank " + std::to_string(rank));
  if (axis < 0) axis += rank;
  size_t a = static_cast<size_t>(axis);
  SetOutput(node, 0, x->dtype,
            {DimProduct(x->shape, 0, a), DimProduct(x->shape, a, x->shape.size())});
  return Status::Ok();
}

}  // namespace

void RegisterOp_Flatten(OpRegistry& registry) {
  OpSchema s;
  s.name = "Flatten";
  s.min_opset = 1;
  s.infer = InferFlatten;
  s.reference = [] { return std::unique_ptr<Kernel>(new CopyKernel()); };
  s.types = AllFixedSizeTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
