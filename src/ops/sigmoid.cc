// Sigmoid: y = 1 / (1 + e^-x).
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct SigmoidFn : MathFn {
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(T(1) / (T(1) + std::exp(-x)));
  }
};

}  // namespace

void RegisterOp_Sigmoid(OpRegistry& registry) {
  RegisterUnaryMath<SigmoidFn>(registry, "Sigmoid", 6, FloatTypes());
}

}  // namespace openacl
