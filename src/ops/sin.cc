// Sin: elementwise std::sin.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct SinFn : MathFn {
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(std::sin(x));
  }
};

}  // namespace

void RegisterOp_Sin(OpRegistry& registry) {
  RegisterUnaryMath<SinFn>(registry, "Sin", 7, FloatTypes());
}

}  // namespace openacl
