// Shape/type inference over the whole graph, folding constant subgraphs on the way (so that
// Shape -> Gather -> Concat -> Reshape chains become constants before Reshape is inferred), and
// folding `If` nodes whose condition is known.
#pragma once

#include "base/status.h"
#include "ir/graph.h"

namespace openacl {

struct InferOptions {
  bool fold_constants = true;
  // Constant outputs larger than this are not materialized (e.g. huge ConstantOfShape).
  size_t max_folded_bytes = 64u << 20;
  // When set, a node whose output shapes depend on values known only at run time (a shape
  // operand fed by a graph input, NonZero, ...) does not fail inference: its outputs, and
  // everything computed from them, are left with unknown shapes and *data_dependent is set.
  // Such a graph runs on the dynamic executor.
  bool allow_data_dependent = false;
  bool* data_dependent = nullptr;
};

// Checks every node's op and opset against the registry (error names node, op type, opset),
// infers dtypes/shapes in topological order, and folds constants. Requires static input shapes.
Status InferAndFold(Graph& graph, const InferOptions& options = {});

// Checks that every node's op/opset is supported, without inferring (for early errors).
Status CheckOpsSupported(const Graph& graph);

}  // namespace openacl
