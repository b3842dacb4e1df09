// Tanh: elementwise std::tanh.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct TanhFn : MathFn {
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(std::tanh(x));
  }
};

}  // namespace

void RegisterOp_Tanh(OpRegistry& registry) {
  RegisterUnaryMath<TanhFn>(registry, "Tanh", 6, FloatTypes());
}

}  // namespace openacl
