// Round: round half to even (the default FP rounding mode).
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct RoundFn : MathFn {
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(std::nearbyint(x));
  }
};

}  // namespace

void RegisterOp_Round(OpRegistry& registry) {
  RegisterUnaryMath<RoundFn>(registry, "Round", 11, FloatTypes());
}

}  // namespace openacl
