// Exp: y = e^x.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct ExpFn : MathFn {
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(std::exp(x));
  }
};

}  // namespace

void RegisterOp_Exp(OpRegistry& registry) {
  RegisterUnaryMath<ExpFn>(registry, "Exp", 6, FloatTypes());
}

}  // namespace openacl
