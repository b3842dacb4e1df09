#include "ops/common/elementwise.h"

namespace openacl {

std::vector<int64_t> BroadcastStrides(const Shape& in, const Shape& out) {
  std::vector<int64_t> strides(out.size(), 0);
  std::vector<int64_t> in_strides = Strides(in);
  size_t offset = out.size() - in.size();
  for (size_t i = 0; i < in.size(); ++i)
    strides[offset + i] = (in[i] == 1 && out[offset + i] != 1) ? 0 : in_strides[i];
  return strides;
}

static Status InferBroadcast(Node& node, bool to_bool) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 2));
  const Value* a = node.inputs[0];
  const Value* b = node.inputs[1];
  if (a->dtype != b->dtype)
    return Status(StatusCode::kUnsupportedDataType,
                  node.Describe() + ": input types differ (" + DTypeName(a->dtype) + " vs " +
                      DTypeName(b->dtype) + ")");
  auto shape = BroadcastShapes(a->shape, b->shape);
  if (!shape.ok()) return shape.status().WithContext(node.Describe());
  SetOutput(node, 0, to_bool ? DType::kBool : a->dtype, shape.value());
  return Status::Ok();
}

Status InferBroadcastSameType(Node& node) { return InferBroadcast(node, false); }
Status InferBroadcastBool(Node& node) { return InferBroadcast(node, true); }

Status InferSameAsInput(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  SetOutput(node, 0, node.inputs[0]->dtype, node.inputs[0]->shape);
  return Status::Ok();
}

}  // namespace openacl
