// HardSwish: y = x * max(0, min(1, x / 6 + 0.5)).
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct HardSwishFn : MathFn {
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(x * std::max(T(0), std::min(T(1), x / T(6) + T(0.5))));
  }
};

}  // namespace

void RegisterOp_HardSwish(OpRegistry& registry) {
  RegisterUnaryMath<HardSwishFn>(registry, "HardSwish", 14, FloatTypes());
}

}  // namespace openacl
