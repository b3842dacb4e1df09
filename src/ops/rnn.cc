// RNN (opset 7/14): Ht = f(Xt W^T + Ht-1 R^T + Wb + Rb); see common/rnn_util.h.
#include "ops/common/rnn_util.h"

namespace openacl {
void RegisterOp_RNN(OpRegistry& registry) { RegisterRecurrentOp(registry, RnnCell::kRnn); }
}  // namespace openacl
