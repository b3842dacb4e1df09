#include "ops/common/global_pool.h"

namespace openacl {

Status InferGlobalPool(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  const Shape& x = node.inputs[0]->shape;
  if (x.size() < 3)
    return Status(StatusCode::kShapeInvalid,
                  node.Describe() + ": X " + ShapeToString(x) + " must have rank >= 3");
  Shape out(x.size(), 1);
  out[0] = x[0];
  out[1] = x[1];
  SetOutput(node, 0, node.inputs[0]->dtype, out);
  return Status::Ok();
}

}  // namespace openacl
