// Tan: elementwise std::tan.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct TanFn : MathFn {
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(std::tan(x));
  }
};

}  // namespace

void RegisterOp_Tan(OpRegistry& registry) {
  RegisterUnaryMath<TanFn>(registry, "Tan", 7, FloatTypes());
}

}  // namespace openacl
