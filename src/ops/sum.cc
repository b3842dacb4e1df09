// Sum: elementwise sum of 1..N inputs with numpy broadcasting.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct SumFn : MathFn {
  static constexpr bool kInts = true;
  template <typename T>
  T operator()(T a, T b) const {
    return static_cast<T>(a + b);
  }
};

}  // namespace

void RegisterOp_Sum(OpRegistry& registry) {
  RegisterVariadicMath<SumFn>(registry, "Sum", 6, NumericTypes());
}

}  // namespace openacl
