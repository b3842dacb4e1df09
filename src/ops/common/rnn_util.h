// The recurrent ops RNN, GRU and LSTM (opsets 7..14): one shared schema/infer/kernel
// parameterized by the cell kind. Plain double-precision reference evaluation.
#pragma once

#include "ops/op_registry.h"

namespace openacl {

enum class RnnCell { kRnn, kGru, kLstm };

// Registers the op (RNN / GRU / LSTM) for `cell`.
void RegisterRecurrentOp(OpRegistry& registry, RnnCell cell);

}  // namespace openacl
