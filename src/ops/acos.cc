// Acos: elementwise std::acos.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct AcosFn : MathFn {
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(std::acos(x));
  }
};

}  // namespace

void RegisterOp_Acos(OpRegistry& registry) {
  RegisterUnaryMath<AcosFn>(registry, "Acos", 7, FloatTypes());
}

}  // namespace openacl
