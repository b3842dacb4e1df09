// Abs: absolute value (all numeric types; unsigned is the identity).
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct AbsFn : MathFn {
  static constexpr bool kInts = true;
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(AbsOf(x));
  }
};

}  // namespace

void RegisterOp_Abs(OpRegistry& registry) {
  RegisterUnaryMath<AbsFn>(registry, "Abs", 6, NumericTypes());
}

}  // namespace openacl
