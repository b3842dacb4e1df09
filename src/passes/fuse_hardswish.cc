// Recognizes HardSwish written out with primitive ops and rewrites it to one HardSwish node
// (which FuseActivation can then fold into a preceding Conv/Gemm/MatMul):
//   y = Div(Mul(x, Clip(Add(x, 3), 0, 6)), 6)       (PaddlePaddle / paddle2onnx export)
//   y = Mul(Mul(x, Clip(Add(x, 3), 0, 6)), 1/6)
//   y = Mul(x, HardSigmoid(x, alpha = 1/6, beta = 0.5))
// Operands of Mul/Add may come in either order. Every intermediate value must feed only the next
// step of the pattern (x itself may have other consumers), constants must be float32 scalars
// (one element), and y must keep x's shape and dtype. HardSwish(x) = x * max(0, min(1, x/6 + 1/2))
// equals each form up to float rounding; alpha is accepted within 1e-6 of 1/6 because exporters
// write 1/6 rounded to 7 decimals (0.1666667).
#include <algorithm>
#include <cmath>
#include <limits>

#include "passes/fusion_util.h"
#include "passes/pass_manager.h"

namespace openacl {
namespace {

bool Near(float v, double want, double tol) { return std::fabs(v - want) <= tol; }

// The node producing `v` if it is of type `op` and its output feeds only `user`.
Node* ProducerFor(const Graph& graph, const Value* v, const std::string& op, const Node* user) {
  if (!v || !v->producer || v->producer->op_type != op || !OnlyUsedBy(graph, v, user))
    return nullptr;
  Node* p = v->producer;
  return p->outputs.size() == 1 ? p : nullptr;
}

// Clip(x + 3, 0, 6) feeding only `user`: returns x, or nullptr.
Value* MatchRelu6OfXPlus3(const Graph& graph, const Value* clip_out, const Node* user,
                          std::vector<Node*>* nodes) {
  Node* clip = ProducerFor(graph, clip_out, "Clip", user);
  if (!clip) return nullptr;
  float lo = -std::numeric_limits<float>::infinity(), hi = std::numeric_limits<float>::infinity();
  if (clip->opset < 11) {
    lo = clip->attrs.get_float("min", lo);
    hi = clip->attrs.get_float("max", hi);
  } else if (!ScalarConstFloat(clip->input(1), &lo) || !ScalarConstFloat(clip->input(2), &hi)) {
    return nullptr;
  }
  if (lo != 0.0f || hi != 6.0f) return nullptr;
  Node* add = ProducerFor(graph, clip->input(0), "Add", clip);
  if (!add || add->inputs.size() != 2) return nullptr;
  float three = 0;
  Value* x = nullptr;
  if (ScalarConstFloat(add->input(1), &three))
    x = add->input(0);
  else if (ScalarConstFloat(add->input(0), &three))
    x = add->input(1);
  if (!x || three != 3.0f) return nullptr;
  nodes->push_back(clip);
  nodes->push_back(add);
  return x;
}

// m = Mul(x, Clip(x + 3, 0, 6)) feeding only `user`: returns x, or nullptr.
Value* MatchXTimesRelu6(const Graph& graph, const Value* m, const Node* user,
                        std::vector<Node*>* nodes) {
  Node* mul = ProducerFor(graph, m, "Mul", user);
  if (!mul || mul->inputs.size() != 2) return nullptr;
  for (int k = 0; k < 2; ++k) {
    Value* x = mul->input(k);
    std::vector<Node*> sub;
    Value* inner = MatchRelu6OfXPlus3(graph, mul->input(1 - k), mul, &sub);
    if (inner && inner == x) {
      nodes->push_back(mul);
      nodes->insert(nodes->end(), sub.begin(), sub.end());
      return x;
    }
  }
  return nullptr;
}

// Returns x if `y_node` ends one of the HardSwish forms; fills the nodes to remove.
Value* Match(const Graph& graph, Node* y_node, std::vector<Node*>* nodes) {
  if (y_node->inputs.size() != 2 || y_node->outputs.size() != 1) return nullptr;
  float c = 0;
  if (y_node->op_type == "Div") {
    if (!ScalarConstFloat(y_node->input(1), &c) || c != 6.0f) return nullptr;
    return MatchXTimesRelu6(graph, y_node->input(0), y_node, nodes);
  }
  if (y_node->op_type != "Mul") return nullptr;
  for (int k = 0; k < 2; ++k) {
    Value* a = y_node->input(k);
    Value* b = y_node->input(1 - k);
    if (ScalarConstFloat(b, &c)) {
      if (!Near(c, 1.0 / 6.0, 1e-7)) continue;
      Value* x = MatchXTimesRelu6(graph, a, y_node, nodes);
      if (x) return x;
      continue;
    }
    Node* hs = ProducerFor(graph, b, "HardSigmoid", y_node);
    if (!hs || hs->input(0) != a || a == b) continue;
    if (!Near(hs->attrs.get_float("alpha", 0.2f), 1.0 / 6.0, 1e-6) ||
        hs->attrs.get_float("beta", 0.5f) != 0.5f)
      continue;
    nodes->push_back(hs);
    return a;
  }
  return nullptr;
}

}  // namespace

Status FuseHardSwish(Graph& graph) {
  std::vector<Node*> candidates;
  for (const auto& n : graph.nodes())
    if (n->op_type == "Div" || n->op_type == "Mul") candidates.push_back(n.get());
  std::vector<Node*> removed;
  for (Node* y_node : candidates) {
    if (std::find(removed.begin(), removed.end(), y_node) != removed.end()) continue;
    std::vector<Node*> nodes;
    Value* x = Match(graph, y_node, &nodes);
    Value* y = y_node->outputs[0];
    if (!x || !y || x->dtype != DType::kFloat32 || y->dtype != x->dtype || y->shape != x->shape)
      continue;
    for (Node* n : nodes) {
      removed.push_back(n);
      graph.RemoveNode(n);
    }
    removed.push_back(y_node);
    graph.RemoveNode(y_node);
    Node* hs = graph.AddNode("HardSwish", {x}, {y}, graph.UniqueName(y->name + "_hardswish"));
    hs->opset = std::max(graph.opset, 14);
  }
  return graph.TopoSort();
}

}  // namespace openacl
