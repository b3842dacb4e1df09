// Xor: logical xor of two bool tensors with numpy broadcasting.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct XorFn : MathFn {
  static constexpr bool kFloats = false;
  static constexpr bool kBool = true;
  template <typename T>
  bool operator()(T a, T b) const {
    return static_cast<bool>(a) != static_cast<bool>(b);
  }
};

}  // namespace

void RegisterOp_Xor(OpRegistry& registry) {
  RegisterCompare<XorFn>(registry, "Xor", 7, {DType::kBool});
}

}  // namespace openacl
