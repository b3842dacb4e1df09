// Selu: y = gamma * (x for x > 0, alpha * (e^x - 1) otherwise).
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct SeluFn : MathFn {
  float alpha = 1.67326319217681884765625f;
  float gamma = 1.05070102214813232421875f;
  Status Prepare(const Node& node) {
    alpha = node.attrs.get_float("alpha", 1.67326319217681884765625f);
    gamma = node.attrs.get_float("gamma", 1.05070102214813232421875f);
    return Status::Ok();
  }
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(x > T(0) ? T(gamma) * x : T(gamma) * (T(alpha) * std::exp(x) - T(alpha)));
  }
};

}  // namespace

void RegisterOp_Selu(OpRegistry& registry) {
  RegisterUnaryMath<SeluFn>(registry, "Selu", 6, FloatTypes());
}

}  // namespace openacl
