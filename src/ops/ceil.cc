// Ceil: round toward +inf.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct CeilFn : MathFn {
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(std::ceil(x));
  }
};

}  // namespace

void RegisterOp_Ceil(OpRegistry& registry) {
  RegisterUnaryMath<CeilFn>(registry, "Ceil", 6, FloatTypes());
}

}  // namespace openacl
