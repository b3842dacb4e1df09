#include "ops/common/loss_util.h"

#include <cmath>

#include "ops/common/shape_util.h"

namespace openacl {

Result<NllAttrs> ReadNllAttrs(const Node& node) {
  NllAttrs a;
  a.reduction = node.attrs.get_string("reduction", "mean");
  if (a.reduction != "none" && a.reduction != "sum" && a.reduction != "mean")
    return InvalidParam(node.Describe() + ": reduction '" + a.reduction +
                        "' is not none, sum or mean");
  a.has_ignore_index = node.attrs.has("ignore_index");
  a.ignore_index = node.attrs.get_int("ignore_index", 0);
  return a;
}

Status InferNllOutput(Node& node, const NllAttrs& attrs, const Value* input, const Value* target) {
  const Shape& in = input->shape;
  const Shape& tg = target->shape;
  if (in.size() < 2)
    return InvalidParam(node.Describe() + ": input 0 must have rank >= 2, got " +
                        ShapeToString(in));
  if (tg.size() + 1 != in.size() || tg[0] != in[0])
    return InvalidParam(node.Describe() + ": target shape " + ShapeToString(tg) +
                        " does not match input shape " + ShapeToString(in));
  for (size_t d = 1; d < tg.size(); ++d)
    if (tg[d] != in[d + 1])
      return InvalidParam(node.Describe() + ": target shape " + ShapeToString(tg) +
                          " does not match input shape " + ShapeToString(in));
  if (target->dtype != DType::kInt32 && target->dtype != DType::kInt64)
    return Status(
        StatusCode::kUnsupportedDataType,
        node.Describe() + ": target must be int32 or int64, got " + DTypeName(target->dtype));
  if (!IsFloating(input->dtype))
    return Status(
        StatusCode::kUnsupportedDataType,
        node.Describe() + ": input must be floating point, got " + DTypeName(input->dtype));
  SetOutput(node, 0, input->dtype, attrs.reduction == "none" ? tg : Shape{});
  return Status::Ok();
}

Status ComputeNll(const std::vector<double>& logp, const Shape& input_shape,
                  const TensorRef& target, const TensorRef* weight, const NllAttrs& attrs,
                  const TensorRef& out, const std::string& who) {
  const int64_t n = input_shape[0], c = input_shape[1];
  int64_t d = 1;
  for (size_t k = 2; k < input_shape.size(); ++k) d *= input_shape[k];
  double total = 0, weight_sum = 0;
  for (int64_t i = 0; i < n; ++i) {
    for (int64_t j = 0; j < d; ++j) {
      int64_t t = ReadAsInt64(target.data, target.dtype, i * d + j);
      double loss = 0, w = 0;
      if (!(attrs.has_ignore_index && t == attrs.ignore_index)) {
        if (t < 0 || t >= c)
          return InvalidParam(who + ": target " + std::to_string(t) + " at element " +
                              std::to_string(i * d + j) + " is outside [0, " + std::to_string(c) +
                              ")");
        w = weight ? ReadAsDouble(weight->data, weight->dtype, t) : 1.0;
        loss = -logp[(i * c + t) * d + j] * w;
      }
      if (attrs.reduction == "none") WriteFromDouble(out.data, out.dtype, i * d + j, loss);
      total += loss;
      weight_sum += w;
    }
  }
  if (attrs.reduction == "sum") WriteFromDouble(out.data, out.dtype, 0, total);
  if (attrs.reduction == "mean") WriteFromDouble(out.data, out.dtype, 0, total / weight_sum);
  return Status::Ok();
}

}  // namespace openacl
