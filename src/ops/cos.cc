// Cos: elementwise std::cos.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct CosFn : MathFn {
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(std::cos(x));
  }
};

}  // namespace

void RegisterOp_Cos(OpRegistry& registry) {
  RegisterUnaryMath<CosFn>(registry, "Cos", 7, FloatTypes());
}

}  // namespace openacl
