// Identity (opset 1+, tensors only; sequence/optional forms of 14/16 are not supported).
#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

Status InferIdentity(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  RETURN_IF_ERROR(CheckFixedSize(node, node.input(0)->dtype));
  SetOutput(node, 0, node.input(0)->dtype, node.input(0)->shape);
  return Status::Ok();
}

}  // namespace

void RegisterOp_Identity(OpRegistry& registry) {
  OpSchema s;
  s.name = "Identity";
  s.min_opset = 1;
  s.infer = InferIdentity;
  s.reference = [] { return std::unique_ptr<Kernel>(new CopyKernel()); };
  s.types = AllFixedSizeTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
