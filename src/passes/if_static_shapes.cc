#include "passes/if_static_shapes.h"

#include <utility>
#include <vector>

#include "ops/op_registry.h"

namespace openacl {
namespace {

using TypedShape = std::pair<DType, Shape>;

bool Known(const Value* v) {
  return v && v->has_shape && IsStatic(v->shape) && v->dtype != DType::kUndefined;
}

// The branch's output types, inferred node by node; the branch's values are restored after.
bool InferBranch(const Graph& outer, Graph& branch, std::vector<TypedShape>* outs) {
  struct Saved {
    Value* v;
    DType dtype;
    Shape shape;
    bool has_shape;
  };
  std::vector<Saved> saved;
  for (const auto& v : branch.values()) saved.push_back({v.get(), v->dtype, v->shape, v->has_shape});
  bool ok = branch.inputs.empty();
  for (const std::string& name : OuterScopeNames(branch)) {
    Value* inner = branch.FindValue(name);
    const Value* from = outer.FindValue(name);
    if (!inner || !Known(from)) {
      ok = false;
      break;
    }
    inner->dtype = from->dtype;
    inner->shape = from->shape;
    inner->has_shape = true;
  }
  for (size_t i = 0; ok && i < branch.nodes().size(); ++i) {
    Node& n = *branch.nodes()[i];
    const OpSchema* schema = OpRegistry::Get().Find(n.op_type, n.domain);
    if (!schema) {  // nested control flow, unknown op: not static here
      ok = false;
      break;
    }
    for (const Value* in : n.inputs)
      if (in && !in->is_constant() && !Known(in)) ok = false;
    if (ok && !schema->infer(n).ok()) ok = false;
    for (const Value* o : n.outputs)
      if (ok && o && !Known(o)) ok = false;
  }
  for (const Value* o : branch.outputs) {
    if (!ok || !(Known(o) || (o->is_constant() && o->has_shape))) {
      ok = false;
      break;
    }
    outs->emplace_back(o->dtype, o->shape);
  }
  for (const Saved& s : saved) {
    s.v->dtype = s.dtype;
    s.v->shape = s.shape;
    s.v->has_shape = s.has_shape;
  }
  return ok;
}

}  // namespace

bool SetIfOutputsWhenBranchesAgree(const Graph& graph, Node& node) {
  const Attribute* then_branch = node.attrs.find("then_branch");
  const Attribute* else_branch = node.attrs.find("else_branch");
  if (!then_branch || !else_branch || !then_branch->g || !else_branch->g) return false;
  std::vector<TypedShape> a, b;
  if (!InferBranch(graph, *then_branch->g, &a) || !InferBranch(graph, *else_branch->g, &b))
    return false;
  if (a != b || a.size() != node.outputs.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    Value* o = node.outputs[i];
    if (!o) continue;
    o->dtype = a[i].first;
    o->shape = a[i].second;
    o->has_shape = true;
  }
  return true;
}

}  // namespace openacl
