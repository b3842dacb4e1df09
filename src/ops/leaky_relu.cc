// LeakyRelu: y = x for x >= 0, alpha * x otherwise.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct LeakyReluFn : MathFn {
  float alpha = 0.01f;
  Status Prepare(const Node& node) {
    alpha = node.attrs.get_float("alpha", 0.01f);
    return Status::Ok();
  }
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(x >= T(0) ? x : T(alpha) * x);
  }
};

}  // namespace

void RegisterOp_LeakyRelu(OpRegistry& registry) {
  RegisterUnaryMath<LeakyReluFn>(registry, "LeakyRelu", 6, FloatTypes());
}

}  // namespace openacl
