// Adapts ops imported at opsets below the supported range (opset 1..6 forms) to their opset-7
// equivalents: legacy `broadcast`/`axis` attributes of binary ops become explicit reshapes of the
// second operand, PRelu's per-channel slope is aligned to the channel axis, and attributes that
// opset 7 dropped (consumed_inputs, is_test) are removed.
#pragma once

#include "base/status.h"
#include "ir/graph.h"

namespace openacl {

// Before inference: retags adaptable nodes to opset 7 (records what must be rewritten).
void RetagLegacyNodes(Graph& graph);
// During inference, once the node's inputs have shapes: rewrites the second operand.
Status AdaptLegacyBroadcast(Graph& graph, Node& node);

}  // namespace openacl
