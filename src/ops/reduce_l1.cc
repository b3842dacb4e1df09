// ReduceL1: sum of absolute values over `axes` (attribute; constant input 1 from opset 18), with
// keepdims and noop_with_empty_axes. Empty axes reduce over all dims.
#include "ops/common/reduce_util.h"

namespace openacl {
namespace {

struct ReduceL1Fn : ReduceFn {
  template <typename A>
  A Init() const {
    return A(0);
  }
  template <typename A>
  A Step(A acc, A x) const {
    return static_cast<A>(acc + AbsOf(x));
  }
  template <typename A>
  A Finish(A acc, int64_t count) const {
    (void)count;
    return static_cast<A>(acc);
  }
};

}  // namespace

void RegisterOp_ReduceL1(OpRegistry& registry) {
  RegisterReduce<ReduceL1Fn>(registry, "ReduceL1", NumericTypes());
}

}  // namespace openacl
