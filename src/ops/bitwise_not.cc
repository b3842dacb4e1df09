// BitwiseNot: y = ~x (integer types).
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct BitwiseNotFn : MathFn {
  static constexpr bool kFloats = false;
  static constexpr bool kInts = true;
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(~x);
  }
};

}  // namespace

void RegisterOp_BitwiseNot(OpRegistry& registry) {
  RegisterUnaryMath<BitwiseNotFn>(registry, "BitwiseNot", 18, IntTypes());
}

}  // namespace openacl
