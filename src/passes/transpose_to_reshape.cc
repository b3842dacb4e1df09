// A Transpose that only moves size-1 dims (the other dims keep their relative order) does not
// change the order of the elements in memory: it becomes a Reshape to its output shape, which
// the runtime executes without a copy (e.g. [1, S, D] perm [1, 0, 2] -> [S, 1, D] around
// PyTorch's attention). Needs a static input shape.
#include "passes/pass_manager.h"

namespace openacl {
namespace {

bool MovesOnlyUnitDims(const Shape& in, const std::vector<int64_t>& perm) {
  int64_t last = -1;
  for (int64_t p : perm) {
    if (p < 0 || p >= static_cast<int64_t>(in.size())) return false;
    if (in[p] == 1) continue;
    if (p < last) return false;
    last = p;
  }
  return true;
}

}  // namespace

Status TransposeToReshape(Graph& graph) {
  std::vector<Node*> transposes;
  for (const auto& n : graph.nodes())
    if (n->op_type == "Transpose" && n->domain.empty()) transposes.push_back(n.get());
  for (Node* t : transposes) {
    Value* x = t->input(0);
    Value* y = t->output(0);
    if (!x || !y || t->outputs.size() != 1 || !IsStatic(x->shape) || !IsStatic(y->shape)) continue;
    size_t rank = x->shape.size();
    std::vector<int64_t> perm = t->attrs.get_ints("perm");
    if (!t->attrs.has("perm"))
      for (size_t i = 0; i < rank; ++i) perm.push_back(static_cast<int64_t>(rank - 1 - i));
    if (perm.size() != rank || !MovesOnlyUnitDims(x->shape, perm)) continue;
    if (NumElements(x->shape) <= 0 || NumElements(x->shape) != NumElements(y->shape) ||
        y->dtype != x->dtype)
      continue;
    std::vector<int64_t> dims(y->shape.begin(), y->shape.end());
    Value* shape = graph.AddConstant(graph.UniqueName(t->name + "_shape"),
                                     Tensor::FromInt64(dims, {static_cast<int64_t>(dims.size())}));
    std::string name = t->name;
    graph.RemoveNode(t);
    Node* r = graph.AddNode("Reshape", {x, shape}, {y}, name);
    r->opset = std::max(graph.opset, 5);
  }
  return graph.TopoSort();
}

}  // namespace openacl
