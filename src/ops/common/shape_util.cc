#include "ops/common/shape_util.h"

#include <algorithm>

namespace openacl {

Result<Shape> BroadcastShapes(const Shape& a, const Shape& b) {
  size_t rank = std::max(a.size(), b.size());
  Shape out(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da == db || db == 1) {
      out[i] = da;
    } else if (da == 1) {
      out[i] = db;
    } else if (da < 0 || db < 0) {
      out[i] = -1;
    } else {
      return Status(StatusCode::kShapeInvalid, "shapes " + ShapeToString(a) + " and " +
                                                   ShapeToString(b) + " cannot be broadcast");
    }
  }
  return out;
}

Result<int64_t> NormalizeAxis(int64_t axis, int64_t rank, const Node& node) {
  if (axis < -rank || axis >= std::max<int64_t>(rank, 1)) {
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": axis " + std::to_string(axis) +
                                                 " out of range for rank " + std::to_string(rank));
  }
  return axis < 0 ? axis + rank : axis;
}

Status CheckInputsKnown(const Node& node, size_t required) {
  if (node.inputs.size() < required)
    return Status(StatusCode::kParseModel, node.Describe() + " needs at least " +
                                               std::to_string(required) + " inputs");
  for (size_t i = 0; i < required; ++i) {
    const Value* v = node.inputs[i];
    if (!v) return Status(StatusCode::kParseModel, node.Describe() + ": input " +
                                                       std::to_string(i) + " is missing");
    if (v->dtype == DType::kUndefined || !v->has_shape)
      return Status(StatusCode::kShapeInvalid, node.Describe() + ": type or shape of input '" +
                                                   v->name + "' is unknown");
  }
  return Status::Ok();
}

Result<std::vector<int64_t>> ConstantInts(const Node& node, size_t input_index) {
  const Value* v = node.input(input_index);
  if (!v || !v->is_constant())
    return Status(StatusCode::kDataDependentShape,
                  node.Describe() + ": input " + std::to_string(input_index) +
                      " must be a compile-time constant (its value decides a shape)");
  return v->constant->ToInt64Vector();
}

}  // namespace openacl
