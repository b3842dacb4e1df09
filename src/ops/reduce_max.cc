// ReduceMax: maximum (NaN propagates) over `axes` (attribute; constant input 1 from opset 18), with
// keepdims and noop_with_empty_axes. Empty axes reduce over all dims.
#include "ops/common/reduce_util.h"

namespace openacl {
namespace {

struct ReduceMaxFn : ReduceFn {
  template <typename A>
  A Init() const {
    return std::numeric_limits<A>::lowest();
  }
  template <typename A>
  A Step(A acc, A x) const {
    return static_cast<A>((acc != acc || acc >= x) ? acc : x);
  }
  template <typename A>
  A Finish(A acc, int64_t count) const {
    (void)count;
    return static_cast<A>(acc);
  }
};

}  // namespace

void RegisterOp_ReduceMax(OpRegistry& registry) {
  RegisterReduce<ReduceMaxFn>(registry, "ReduceMax", NumericTypes());
}

}  // namespace openacl
