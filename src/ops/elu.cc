// Elu: y = x for x >= 0, alpha * (e^x - 1) otherwise.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct EluFn : MathFn {
  float alpha = 1.0f;
  Status Prepare(const Node& node) {
    alpha = node.attrs.get_float("alpha", 1.0f);
    return Status::Ok();
  }
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(x >= T(0) ? x : T(alpha) * (std::exp(x) - T(1)));
  }
};

}  // namespace

void RegisterOp_Elu(OpRegistry& registry) {
  RegisterUnaryMath<EluFn>(registry, "Elu", 6, FloatTypes());
}

}  // namespace openacl
