// Not: logical negation of a bool tensor.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct NotFn : MathFn {
  static constexpr bool kFloats = false;
  static constexpr bool kBool = true;
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(!x);
  }
};

}  // namespace

void RegisterOp_Not(OpRegistry& registry) {
  RegisterUnaryMath<NotFn>(registry, "Not", 1, {DType::kBool});
}

}  // namespace openacl
