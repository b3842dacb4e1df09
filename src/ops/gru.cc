// GRU (opset 7/14): update/reset gates, linear_before_reset; see common/rnn_util.h.
#include "ops/common/rnn_util.h"

namespace openacl {
void RegisterOp_GRU(OpRegistry& registry) { RegisterRecurrentOp(registry, RnnCell::kGru); }
}  // namespace openacl
