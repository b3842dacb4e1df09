// Sub: C = A - B with numpy broadcasting.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct SubFn : MathFn {
  static constexpr bool kInts = true;
  template <typename T>
  T operator()(T a, T b) const {
    return static_cast<T>(a - b);
  }
};

}  // namespace

void RegisterOp_Sub(OpRegistry& registry) {
  RegisterBinaryMath<SubFn>(registry, "Sub", 7, NumericTypes());
}

}  // namespace openacl
