// Gelu (opset 20, accepted at any opset): approximate="none" uses erf, "tanh" the tanh form.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct GeluFn : MathFn {
  bool tanh_form = false;
  Status Prepare(const Node& node) {
    std::string approx = node.attrs.get_string("approximate", "none");
    if (approx != "none" && approx != "tanh")
      return Status(
          StatusCode::kOpAttrNotMatch,
          node.Describe() + ": approximate must be 'none' or 'tanh', got '" + approx + "'");
    tanh_form = approx == "tanh";
    return Status::Ok();
  }
  template <typename T>
  T operator()(T x) const {
    if (tanh_form) {
      const T k = static_cast<T>(0.7978845608028654);  // sqrt(2 / pi)
      return static_cast<T>(T(0.5) * x * (T(1) + std::tanh(k * (x + T(0.044715) * x * x * x))));
    }
    return static_cast<T>(T(0.5) * x * (T(1) + std::erf(x * static_cast<T>(0.7071067811865476))));
  }
};

}  // namespace

void RegisterOp_Gelu(OpRegistry& registry) {
  RegisterUnaryMath<GeluFn>(registry, "Gelu", 1, FloatTypes());
}

}  // namespace openacl
