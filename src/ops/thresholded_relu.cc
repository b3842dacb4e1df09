// ThresholdedRelu: y = x for x > alpha, 0 otherwise.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct ThresholdedReluFn : MathFn {
  float alpha = 1.0f;
  Status Prepare(const Node& node) {
    alpha = node.attrs.get_float("alpha", 1.0f);
    return Status::Ok();
  }
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(x > T(alpha) ? x : T(0));
  }
};

}  // namespace

void RegisterOp_ThresholdedRelu(OpRegistry& registry) {
  RegisterUnaryMath<ThresholdedReluFn>(registry, "ThresholdedRelu", 10, FloatTypes());
}

}  // namespace openacl
