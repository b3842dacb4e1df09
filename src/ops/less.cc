// Less: C = (A < B) as bool, numpy broadcasting.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct LessFn : MathFn {
  static constexpr bool kInts = true;
  template <typename T>
  bool operator()(T a, T b) const {
    return a < b;
  }
};

}  // namespace

void RegisterOp_Less(OpRegistry& registry) {
  RegisterCompare<LessFn>(registry, "Less", 7, NumericTypes());
}

}  // namespace openacl
