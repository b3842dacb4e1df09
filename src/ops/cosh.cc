// Cosh: elementwise std::cosh.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct CoshFn : MathFn {
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(std::cosh(x));
  }
};

}  // namespace

void RegisterOp_Cosh(OpRegistry& registry) {
  RegisterUnaryMath<CoshFn>(registry, "Cosh", 9, FloatTypes());
}

}  // namespace openacl
