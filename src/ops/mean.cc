// Mean: elementwise mean of 1..N inputs with numpy broadcasting.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct MeanFn : MathFn {
  static constexpr bool kInts = true;
  static constexpr bool kHasFinish = true;
  template <typename T>
  T operator()(T a, T b) const {
    return static_cast<T>(a + b);
  }
  template <typename T>
  T Finish(T acc, int64_t n) const {
    return static_cast<T>(acc / static_cast<T>(n));
  }
};

}  // namespace

void RegisterOp_Mean(OpRegistry& registry) {
  RegisterVariadicMath<MeanFn>(registry, "Mean", 6, FloatTypes());
}

}  // namespace openacl
