// Atanh: elementwise std::atanh.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct AtanhFn : MathFn {
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(std::atanh(x));
  }
};

}  // namespace

void RegisterOp_Atanh(OpRegistry& registry) {
  RegisterUnaryMath<AtanhFn>(registry, "Atanh", 9, FloatTypes());
}

}  // namespace openacl
