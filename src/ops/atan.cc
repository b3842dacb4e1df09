// Atan: elementwise std::atan.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct AtanFn : MathFn {
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(std::atan(x));
  }
};

}  // namespace

void RegisterOp_Atan(OpRegistry& registry) {
  RegisterUnaryMath<AtanFn>(registry, "Atan", 7, FloatTypes());
}

}  // namespace openacl
