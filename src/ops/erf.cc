// Erf: Gauss error function (integer inputs are computed in double).
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct ErfFn : MathFn {
  static constexpr bool kInts = true;
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(std::erf(x));
  }
};

}  // namespace

void RegisterOp_Erf(OpRegistry& registry) {
  RegisterUnaryMath<ErfFn>(registry, "Erf", 9, NumericTypes());
}

}  // namespace openacl
