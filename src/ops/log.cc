// Log: natural logarithm.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct LogFn : MathFn {
  template <typename T>
  T operator()(T x) const {
    return static_cast<T>(std::log(x));
  }
};

}  // namespace

void RegisterOp_Log(OpRegistry& registry) {
  RegisterUnaryMath<LogFn>(registry, "Log", 6, FloatTypes());
}

}  // namespace openacl
