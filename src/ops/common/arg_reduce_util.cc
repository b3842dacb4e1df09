#include "ops/common/arg_reduce_util.h"

namespace openacl {

Status InferArgReduce(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  RETURN_IF_ERROR(CheckSchemaType(node, 0));
  const Shape& in = node.inputs[0]->shape;
  ASSIGN_OR_RETURN(int64_t axis, NormalizeAxis(node.attrs.get_int("axis", 0),
                                               static_cast<int64_t>(in.size()), node));
  bool keepdims = node.attrs.get_int("keepdims", 1) != 0;
  Shape out;
  for (size_t d = 0; d < in.size(); ++d) {
    if (static_cast<int64_t>(d) != axis) {
      out.push_back(in[d]);
    } else if (keepdims) {
      out.push_back(1);
    }
  }
  SetOutput(node, 0, DType::kInt64, out);
  return Status::Ok();
}

}  // namespace openacl
