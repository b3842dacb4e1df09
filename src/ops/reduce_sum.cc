// ReduceSum: sum over `axes` (attribute; constant input 1 from opset 13), with
// keepdims and noop_with_empty_axes. Empty axes reduce over all dims.
#include "ops/common/reduce_util.h"

namespace openacl {
namespace {

struct ReduceSumFn : ReduceFn {
  template <typename A>
  A Init() const {
    return A(0);
  }
  template <typename A>
  A Step(A acc, A x) const {
    return static_cast<A>(acc + x);
  }
  template <typename A>
  A Finish(A acc, int64_t count) const {
    (void)count;
    return static_cast<A>(acc);
  }
};

}  // namespace

void RegisterOp_ReduceSum(OpRegistry& registry) {
  RegisterReduce<ReduceSumFn>(registry, "ReduceSum", NumericTypes());
}

}  // namespace openacl
