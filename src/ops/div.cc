// Div: C = A / B with numpy broadcasting; integer division truncates toward zero
// (C semantics, as ONNX Runtime does) and an integer division by zero gives 0.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct DivFn : MathFn {
  static constexpr bool kInts = true;
  template <typename T>
  T operator()(T a, T b) const {
    if constexpr (std::is_integral_v<T>) {
      if (b == T(0)) return T(0);
    }
    return static_cast<T>(a / b);
  }
};

}  // namespace

void RegisterOp_Div(OpRegistry& registry) {
  RegisterBinaryMath<DivFn>(registry, "Div", 7, NumericTypes());
}

}  // namespace openacl
