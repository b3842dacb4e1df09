// BitwiseOr: C = A | B with numpy broadcasting (integer types).
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct BitwiseOrFn : MathFn {
  static constexpr bool kFloats = false;
  static constexpr bool kInts = true;
  template <typename T>
  T operator()(T a, T b) const {
    return static_cast<T>(a | b);
  }
};

}  // namespace

void RegisterOp_BitwiseOr(OpRegistry& registry) {
  RegisterBinaryMath<BitwiseOrFn>(registry, "BitwiseOr", 18, IntTypes());
}

}  // namespace openacl
