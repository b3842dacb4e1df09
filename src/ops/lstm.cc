// LSTM (opset 7/14): input/output/forget/cell gates, peepholes, input_forget; see
// common/rnn_util.h.
#include "ops/common/rnn_util.h"

namespace openacl {
void RegisterOp_LSTM(OpRegistry& registry) { RegisterRecurrentOp(registry, RnnCell::kLstm); }
}  // namespace openacl
