// Sqrt: square root (NaN for negative inputs).
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct SqrtFn : MathFn {
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(std::sqrt(x));
  }
};

}  // namespace

void RegisterOp_Sqrt(OpRegistry& registry) {
  RegisterUnaryMath<SqrtFn>(registry, "Sqrt", 6, FloatTypes());
}

}  // namespace openacl
