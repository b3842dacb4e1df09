#include "ops/common/softmax_util.h"

namespace openacl {

Result<SoftmaxLayout> MakeSoftmaxLayout(const Node& node, const Shape& shape) {
  int64_t rank = static_cast<int64_t>(shape.size());
  bool coerce_2d = node.opset > 0 && node.opset < 13;
  ASSIGN_OR_RETURN(int64_t axis,
                   NormalizeAxis(node.attrs.get_int("axis", coerce_2d ? 1 : -1), rank, node));
  SoftmaxLayout L;
  for (int64_t d = 0; d < rank; ++d) {
    if (d < axis) {
      L.outer *= shape[d];
    } else if (d == axis || coerce_2d) {
      L.len *= shape[d];
    } else {
      L.inner *= shape[d];
    }
  }
  return L;
}

Status InferSoftmaxLike(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  RETURN_IF_ERROR(CheckSchemaType(node, 0));
  auto layout = MakeSoftmaxLayout(node, node.inputs[0]->shape);
  if (!layout.ok()) return layout.status();
  SetOutput(node, 0, node.inputs[0]->dtype, node.inputs[0]->shape);
  return Status::Ok();
}

}  // namespace openacl
