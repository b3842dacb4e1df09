// BitwiseXor: C = A ^ B with numpy broadcasting (integer types).
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct BitwiseXorFn : MathFn {
  static constexpr bool kFloats = false;
  static constexpr bool kInts = true;
  template <typename T>
  T operator()(T a, T b) const {
    return static_cast<T>(a ^ b);
  }
};

}  // namespace

void RegisterOp_BitwiseXor(OpRegistry& registry) {
  RegisterBinaryMath<BitwiseXorFn>(registry, "BitwiseXor", 18, IntTypes());
}

}  // namespace openacl
