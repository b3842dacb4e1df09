// ReduceSumSquare: sum of squares over `axes` (attribute; constant input 1 from opset 18), with
// keepdims and noop_with_empty_axes. Empty axes reduce over all dims.
#include "ops/common/reduce_util.h"

namespace openacl {
namespace {

struct ReduceSumSquareFn : ReduceFn {
  template <typename A>
  A Init() const {
    return A(0);
  }
  template <typename A>
  A Step(A acc, A x) const {
    return static_cast<A>(acc + x * x);
  }
  template <typename A>
  A Finish(A acc, int64_t count) const {
    (void)count;
    return static_cast<A>(acc);
  }
};

}  // namespace

void RegisterOp_ReduceSumSquare(OpRegistry& registry) {
  RegisterReduce<ReduceSumSquareFn>(registry, "ReduceSumSquare", NumericTypes());
}

}  // namespace openacl
