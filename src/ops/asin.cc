// Asin: elementwise std::asin.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct AsinFn : MathFn {
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(std::asin(x));
  }
};

}  // namespace

void RegisterOp_Asin(OpRegistry& registry) {
  RegisterUnaryMath<AsinFn>(registry, "Asin", 7, FloatTypes());
}

}  // namespace openacl
