// Softsign: y = x / (1 + |x|).
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct SoftsignFn : MathFn {
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(x / (T(1) + std::fabs(x)));
  }
};

}  // namespace

void RegisterOp_Softsign(OpRegistry& registry) {
  RegisterUnaryMath<SoftsignFn>(registry, "Softsign", 1, FloatTypes());
}

}  // namespace openacl
