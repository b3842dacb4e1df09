// ArgMax: int64 index of the largest element along `axis` (see arg_reduce_util.h).
#include "ops/common/arg_reduce_util.h"

namespace openacl {

void RegisterOp_ArgMax(OpRegistry& registry) { RegisterArgReduce<true>(registry, "ArgMax"); }

}  // namespace openacl
