#include "ops/common/channel_norm_util.h"

namespace openacl {

Status CheckChannelParams(const Node& node, size_t n, int64_t expected, const char* what) {
  const Shape& x = node.inputs[0]->shape;
  if (x.size() < 2)
    return Status(
        StatusCode::kShapeInvalid,
        node.Describe() + ": input X must have rank >= 2 (N, C, ...), got " + ShapeToString(x));
  for (size_t i = 1; i < n && i < node.inputs.size(); ++i) {
    const Value* v = node.inputs[i];
    if (!v) continue;
    int64_t got = NumElements(v->shape);
    if (expected >= 0 && got >= 0 && got != expected)
      return Status(StatusCode::kShapeInvalid, node.Describe() + ": input " + std::to_string(i) +
                                                   " ('" + v->name + "') has " +
                                                   std::to_string(got) + " elements, expected " +
                                                   std::to_string(expected) + " (" + what + ")");
  }
  return Status::Ok();
}

}  // namespace openacl
