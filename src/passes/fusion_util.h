// Helpers shared by the fusion passes.
#pragma once

#include "ir/graph.h"

namespace openacl {

// True if `v` is produced by a node of type in `ops`, has exactly one consumer and is not a
// graph output (so the producer may absorb the consumer).
inline bool SingleUseOutput(const Graph& graph, const Value* v) {
  return v && v->producer && !graph.IsGraphOutput(v) && graph.Consumers(v).size() == 1;
}

inline bool IsFusableProducer(const Node* n) {
  return n && (n->op_type == "Conv" || n->op_type == "Gemm" || n->op_type == "MatMul") &&
         n->outputs.size() == 1 && n->outputs[0] && n->outputs[0]->dtype == DType::kFloat32;
}

// Moves `consumer`'s output onto `producer` (producer now computes consumer's result) and
// removes `consumer`.
inline void AbsorbConsumer(Graph& graph, Node* producer, Node* consumer) {
  Value* result = consumer->outputs[0];
  graph.RemoveNode(consumer);
  producer->outputs[0] = result;
  result->producer = producer;
}

}  // namespace openacl
