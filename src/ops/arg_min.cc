// ArgMin: int64 index of the smallest element along `axis` (see arg_reduce_util.h).
#include "ops/common/arg_reduce_util.h"

namespace openacl {

void RegisterOp_ArgMin(OpRegistry& registry) { RegisterArgReduce<false>(registry, "ArgMin"); }

}  // namespace openacl
