// HardSigmoid: y = max(0, min(1, alpha * x + beta)).
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct HardSigmoidFn : MathFn {
  float alpha = 0.2f;
  float beta = 0.5f;
  Status Prepare(const Node& node) {
    alpha = node.attrs.get_float("alpha", 0.2f);
    beta = node.attrs.get_float("beta", 0.5f);
    return Status::Ok();
  }
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(std::max(T(0), std::min(T(1), T(alpha) * x + T(beta))));
  }
};

}  // namespace

void RegisterOp_HardSigmoid(OpRegistry& registry) {
  RegisterUnaryMath<HardSigmoidFn>(registry, "HardSigmoid", 6, FloatTypes());
}

}  // namespace openacl
