// An If whose condition is computed at run time still has static output shapes when both
// branches produce the same static shapes (issue 14): then the model's description can report
// the outputs' sizes, and the nodes after the If are inferred statically.
#pragma once

#include "ir/graph.h"

namespace openacl {

// Infers both branches of `if_node` (a node of `graph`) from the outer values they read, without
// changing them; when every output has the same dtype and static shape in both branches, sets
// the If's outputs to it and returns true.
bool SetIfOutputsWhenBranchesAgree(const Graph& graph, Node& if_node);

}  // namespace openacl
