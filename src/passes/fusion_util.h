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
  return n &&
         (n->op_type == "Conv" || n->op_type == "ConvTranspose" || n->op_type == "Gemm" ||
          n->op_type == "MatMul") &&
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

// True if `v` is a float32 constant with exactly one element; stores it in *out.
inline bool ScalarConstFloat(const Value* v, float* out) {
  if (!v || !v->is_constant() || v->dtype != DType::kFloat32 || v->constant->num_elements() != 1)
    return false;
  *out = static_cast<float>(v->constant->GetAsDouble(0));
  return true;
}

// The input of binary node `n` that is not `v` (nullptr unless `n` has exactly two inputs, one of
// them `v` and the other a different value).
inline Value* OtherInput(const Node* n, const Value* v) {
  if (n->inputs.size() != 2 || n->input(0) == n->input(1)) return nullptr;
  if (n->input(0) == v) return n->input(1);
  if (n->input(1) == v) return n->input(0);
  return nullptr;
}

// True if `v` is used by nothing but `n` (once) and is not a graph output.
inline bool OnlyUsedBy(const Graph& graph, const Value* v, const Node* n) {
  if (!v || graph.IsGraphOutput(v)) return false;
  std::vector<Node*> c = graph.Consumers(v);
  return c.size() == 1 && c[0] == n;
}

}  // namespace openacl
