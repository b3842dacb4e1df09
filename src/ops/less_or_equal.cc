// LessOrEqual: C = (A <= B) as bool, numpy broadcasting.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct LessOrEqualFn : MathFn {
  static constexpr bool kInts = true;
  template <typename T>
  bool operator()(T a, T b) const {
    return a <= b;
  }
};

}  // namespace

void RegisterOp_LessOrEqual(OpRegistry& registry) {
  RegisterCompare<LessOrEqualFn>(registry, "LessOrEqual", 12, NumericTypes());
}

}  // namespace openacl
