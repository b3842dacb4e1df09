// Softplus: y = ln(1 + e^x), written to avoid overflow for large x.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct SoftplusFn : MathFn {
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(x > T(0) ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x)));
  }
};

}  // namespace

void RegisterOp_Softplus(OpRegistry& registry) {
  RegisterUnaryMath<SoftplusFn>(registry, "Softplus", 1, FloatTypes());
}

}  // namespace openacl
