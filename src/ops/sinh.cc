// Sinh: elementwise std::sinh.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct SinhFn : MathFn {
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(std::sinh(x));
  }
};

}  // namespace

void RegisterOp_Sinh(OpRegistry& registry) {
  RegisterUnaryMath<SinhFn>(registry, "Sinh", 9, FloatTypes());
}

}  // namespace openacl
