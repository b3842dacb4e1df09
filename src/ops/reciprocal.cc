// Reciprocal: y = 1 / x.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct ReciprocalFn : MathFn {
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(T(1) / x);
  }
};

}  // namespace

void RegisterOp_Reciprocal(OpRegistry& registry) {
  RegisterUnaryMath<ReciprocalFn>(registry, "Reciprocal", 6, FloatTypes());
}

}  // namespace openacl
