// Mish: y = x * tanh(softplus(x)).
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct MishFn : MathFn {
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(
        x * std::tanh(x > T(0) ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x))));
  }
};

}  // namespace

void RegisterOp_Mish(OpRegistry& registry) {
  RegisterUnaryMath<MishFn>(registry, "Mish", 18, FloatTypes());
}

}  // namespace openacl
