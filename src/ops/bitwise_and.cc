// BitwiseAnd: C = A & B with numpy broadcasting (integer types).
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct BitwiseAndFn : MathFn {
  static constexpr bool kFloats = false;
  static constexpr bool kInts = true;
  template <typename T>
  T operator()(T a, T b) const {
    return static_cast<T>(a & b);
  }
};

}  // namespace

void RegisterOp_BitwiseAnd(OpRegistry& registry) {
  RegisterBinaryMath<BitwiseAndFn>(registry, "BitwiseAnd", 18, IntTypes());
}

}  // namespace openacl
