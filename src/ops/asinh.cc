// Asinh: elementwise std::asinh.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct AsinhFn : MathFn {
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(std::asinh(x));
  }
};

}  // namespace

void RegisterOp_Asinh(OpRegistry& registry) {
  RegisterUnaryMath<AsinhFn>(registry, "Asinh", 9, FloatTypes());
}

}  // namespace openacl
