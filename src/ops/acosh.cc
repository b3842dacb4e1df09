// Acosh: elementwise std::acosh.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct AcoshFn : MathFn {
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(std::acosh(x));
  }
};

}  // namespace

void RegisterOp_Acosh(OpRegistry& registry) {
  RegisterUnaryMath<AcoshFn>(registry, "Acosh", 9, FloatTypes());
}

}  // namespace openacl
