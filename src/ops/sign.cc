// Sign: -1, 0 or 1 (NaN stays NaN for floats).
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct SignFn : MathFn {
  static constexpr bool kInts = true;
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(x != x ? x : static_cast<T>((T(0) < x) - (x < T(0))));
  }
};

}  // namespace

void RegisterOp_Sign(OpRegistry& registry) {
  RegisterUnaryMath<SignFn>(registry, "Sign", 9, NumericTypes());
}

}  // namespace openacl
