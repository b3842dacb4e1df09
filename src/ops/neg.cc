// Neg: y = -x (signed types).
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct NegFn : MathFn {
  static constexpr bool kInts = true;
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(-x);
  }
};

}  // namespace

void RegisterOp_Neg(OpRegistry& registry) {
  RegisterUnaryMath<NegFn>(registry, "Neg", 6, SignedNumericTypes());
}

}  // namespace openacl
