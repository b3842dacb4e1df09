// Celu: y = max(0, x) + min(0, alpha * (e^(x / alpha) - 1)).
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct CeluFn : MathFn {
  float alpha = 1.0f;
  Status Prepare(const Node& node) {
    alpha = node.attrs.get_float("alpha", 1.0f);
    return Status::Ok();
  }
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(std::max(T(0), x) +
                          std::min(T(0), T(alpha) * (std::exp(x / T(alpha)) - T(1))));
  }
};

}  // namespace

void RegisterOp_Celu(OpRegistry& registry) {
  RegisterUnaryMath<CeluFn>(registry, "Celu", 12, FloatTypes());
}

}  // namespace openacl
