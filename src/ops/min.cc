// Min: elementwise minimum of 1..N inputs (NaN propagates), numpy broadcasting.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct MinFn : MathFn {
  static constexpr bool kInts = true;
  template <typename T>
  T operator()(T a, T b) const {
    return (a != a || a <= b) ? a : b;
  }
};

}  // namespace

void RegisterOp_Min(OpRegistry& registry) {
  RegisterVariadicMath<MinFn>(registry, "Min", 6, NumericTypes());
}

}  // namespace openacl
