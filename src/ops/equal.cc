// Equal: C = (A == B) as bool, numpy broadcasting.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct EqualFn : MathFn {
  static constexpr bool kInts = true;
  static constexpr bool kBool = true;
  template <typename T>
  bool operator()(T a, T b) const {
    return a == b;
  }
};

}  // namespace

void RegisterOp_Equal(OpRegistry& registry) {
  RegisterCompare<EqualFn>(registry, "Equal", 7, Concat(NumericTypes(), {DType::kBool}));
}

}  // namespace openacl
