// Floor: round toward -inf.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct FloorFn : MathFn {
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(std::floor(x));
  }
};

}  // namespace

void RegisterOp_Floor(OpRegistry& registry) {
  RegisterUnaryMath<FloorFn>(registry, "Floor", 6, FloatTypes());
}

}  // namespace openacl
