#include "passes/infer_and_fold.h"

#include <unordered_map>

#include "ops/op_registry.h"
#include "passes/if_static_shapes.h"
#include "passes/legacy_opset.h"

namespace openacl {
namespace {

// Ops whose result must not be folded even with constant inputs.
bool IsNonDeterministic(const std::string& op) {
  return op == "RandomNormal" || op == "RandomUniform" || op == "RandomNormalLike" ||
         op == "RandomUniformLike" || op == "Multinomial" || op == "Bernoulli";
}

// Ops whose output 0 is input 0's data under another shape.
bool IsPureView(const std::string& op) {
  return op == "Identity" || op == "Reshape" || op == "Flatten" || op == "Squeeze" ||
         op == "Unsqueeze";
}

// Ops whose outputs depend only on input shapes, which are static after inference.
bool IsShapeOnly(const std::string& op) { return op == "Shape" || op == "Size"; }

Status FoldNode(Node& node, const InferOptions& options, bool* folded) {
  *folded = false;
  bool shape_only = IsShapeOnly(node.op_type);
  for (Value* in : node.inputs)
    if (in && !in->is_constant() && !shape_only) return Status::Ok();
  if (IsNonDeterministic(node.op_type)) return Status::Ok();
  size_t out_bytes = 0;
  for (Value* o : node.outputs) {
    if (!o) continue;
    if (!IsStatic(o->shape)) return Status::Ok();
    out_bytes += o->nbytes();
  }
  if (out_bytes > options.max_folded_bytes) return Status::Ok();
  if (IsPureView(node.op_type) && node.input(0) && node.output(0) &&
      NumElements(node.output(0)->shape) == node.input(0)->constant->num_elements()) {
    // Shares the bytes: a weight used through Identity / Reshape nodes (exporters share
    // weights across layers that way) stays one copy in the model.
    node.output(0)->constant = node.input(0)->constant->Reshaped(node.output(0)->shape);
    *folded = true;
    return Status::Ok();
  }
  auto kernel = CreateReferenceKernel(node);
  if (!kernel.ok()) return kernel.status();
  std::vector<TensorRef> ins(node.inputs.size()), outs(node.outputs.size());
  std::vector<Tensor> results(node.outputs.size());
  for (size_t i = 0; i < node.inputs.size(); ++i) {
    Value* v = node.inputs[i];
    if (!v) continue;
    void* data = v->is_constant() ? const_cast<void*>(v->constant->data()) : nullptr;
    ins[i] = {data, v->dtype, &v->shape};
  }
  for (size_t i = 0; i < node.outputs.size(); ++i) {
    Value* v = node.outputs[i];
    if (!v) continue;
    results[i] = Tensor(v->dtype, v->shape);
    outs[i] = {results[i].mutable_data(), v->dtype, &v->shape};
  }
  std::vector<uint8_t> scratch((*kernel)->ScratchBytes() + 64);
  KernelIO io{ins.data(), ins.size(), outs.data(), outs.size(), scratch.data()};
  Status st = (*kernel)->Run(io);
  if (!st.ok()) return st.WithContext("constant folding of " + node.Describe());
  for (size_t i = 0; i < node.outputs.size(); ++i)
    if (node.outputs[i]) node.outputs[i]->constant = std::move(results[i]);
  *folded = true;
  return Status::Ok();
}

// Replaces an If node whose condition is constant by the nodes of the taken branch.
Status InlineIf(Graph& graph, Node* node) {
  Value* cond = node->input(0);
  bool taken = cond->constant->GetAsDouble(0) != 0.0;
  const Attribute* branch = node->attrs.find(taken ? "then_branch" : "else_branch");
  if (!branch || !branch->g)
    return Status(StatusCode::kParseModel, node->Describe() + " has no branch graph");
  const Graph& sub = *branch->g;
  if (sub.outputs.size() != node->outputs.size())
    return Status(StatusCode::kParseModel, node->Describe() + ": branch output count differs");
  std::unordered_map<const Value*, Value*> map;
  // Outer-scope references resolve through the node's implicit inputs (names as the branch
  // sees them), which stay right when an enclosing inlining renamed the values.
  std::unordered_map<std::string, Value*> implicit;
  if (const Attribute* a = node->attrs.find(kImplicitInputsAttr))
    for (size_t k = 0; k < a->strings.size(); ++k)
      implicit[a->strings[k]] = node->input(NumFormalInputs(*node) + k);
  auto resolve = [&](const Value* v) -> Value* {
    if (!v) return nullptr;
    auto it = map.find(v);
    if (it != map.end()) return it->second;
    Value* outer = nullptr;
    if (v->is_constant()) {
      outer = graph.AddConstant(graph.UniqueName(v->name), *v->constant);
    } else if (!v->producer) {
      auto ref = implicit.find(v->name);
      outer = ref != implicit.end() ? ref->second : graph.FindValue(v->name);
    }
    if (!outer) {
      outer = graph.AddValue(graph.UniqueName(v->name));
      outer->dtype = v->dtype;
    }
    map[v] = outer;
    return outer;
  };
  for (const auto& sn : sub.nodes()) {
    std::vector<Value*> ins, outs;
    for (const Value* in : sn->inputs) ins.push_back(resolve(in));
    for (const Value* o : sn->outputs) outs.push_back(resolve(o));
    Node* copy = graph.AddNode(sn->op_type, ins, outs, graph.UniqueName(sn->name));
    copy->domain = sn->domain;
    copy->opset = sn->opset;
    copy->attrs = sn->attrs;
  }
  for (size_t i = 0; i < node->outputs.size(); ++i) {
    Value* inner = resolve(sub.outputs[i]);
    Value* outer = node->outputs[i];
    if (!outer) continue;
    // Route through Identity so the If's output value (maybe a graph output) keeps its name.
    graph.AddNode("Identity", {inner}, {outer}, graph.UniqueName("if_out"));
  }
  graph.RemoveNode(node);
  return graph.TopoSort();
}

// Values whose shape is decided at run time carry has_shape == false with no known dims.
bool IsRunTimeShaped(const Value& v) { return !v.has_shape && !v.is_constant(); }

void MarkRunTimeShaped(Node& node, const InferOptions& options) {
  for (Value* o : node.outputs) {
    if (!o) continue;
    o->has_shape = false;
    o->shape.clear();
  }
  if (options.data_dependent) *options.data_dependent = true;
}

}  // namespace

static bool IsControlFlow(const Node& node) {
  return node.domain.empty() &&
         (node.op_type == "If" || node.op_type == "Loop" || node.op_type == "Scan");
}

Status CheckOpsSupported(const Graph& graph) {
  for (const auto& n : graph.nodes()) {
    const OpSchema* s = OpRegistry::Get().Find(n->op_type, n->domain);
    std::string where = n->Describe() + " at opset " + std::to_string(n->opset);
    if (IsControlFlow(*n)) {
      // Folded during inference (If with a known condition) or run by the dynamic executor;
      // the ops inside must be supported either way.
      for (const auto& [name, attr] : n->attrs.all())
        if (attr.kind == Attribute::Kind::kGraph && attr.g) {
          Status st = CheckOpsSupported(*attr.g);
          if (!st.ok()) return st.WithContext(n->Describe() + " subgraph '" + name + "'");
        }
      continue;
    }
    if (!s)
      return Status(StatusCode::kUnsupportedOp,
                    "unsupported op: " + where +
                        (n->domain.empty() ? "" : " in domain '" + n->domain + "'"));
    if (n->opset < s->min_opset || n->opset > s->max_opset)
      return Status(StatusCode::kUnsupportedOp,
                    "unsupported opset: " + where + " (supported opsets " +
                        std::to_string(s->min_opset) + ".." + std::to_string(s->max_opset) + ")");
    int ni = static_cast<int>(n->inputs.size()), no = static_cast<int>(n->outputs.size());
    if (ni < s->min_inputs || ni > s->max_inputs || no < s->min_outputs || no > s->max_outputs)
      return Status(StatusCode::kParseModel,
                    n->Describe() + " has " + std::to_string(ni) + " inputs and " +
                        std::to_string(no) + " outputs; expected " +
                        std::to_string(s->min_inputs) + ".." + std::to_string(s->max_inputs) +
                        " inputs and " + std::to_string(s->min_outputs) + ".." +
                        std::to_string(s->max_outputs) + " outputs");
  }
  return Status::Ok();
}

Status InferAndFold(Graph& graph, const InferOptions& options) {
  RETURN_IF_ERROR(graph.TopoSort());
  // If nodes with constant conditions are inlined first (they may hide unsupported ops).
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& n : graph.nodes()) {
      if (n->op_type == "If" && n->input(0) && n->input(0)->is_constant()) {
        RETURN_IF_ERROR(InlineIf(graph, n.get()));
        changed = true;
        break;
      }
    }
  }
  for (Value* in : graph.inputs)
    if (!IsStatic(in->shape) || !in->has_shape)
      return Status(StatusCode::kShapeInvalid,
                    "input '" + in->name + "' has dynamic shape " + ShapeToString(in->shape) +
                        "; fix it with --input_shape (e.g. \"" + in->name + ":1,3,224,224\")");
  for (Value* in : graph.inputs) {
    auto bytes = CheckShapeBytes(in->shape, in->dtype, "input '" + in->name + "'");
    if (!bytes.ok()) return bytes.status();
  }
  for (const Value* out : graph.outputs)
    if (!out->producer && !out->is_constant() && !graph.IsGraphInput(out))
      return Status(StatusCode::kParseModel,
                    "graph output '" + out->name + "' is not produced by any node");
  RetagLegacyNodes(graph);
  RETURN_IF_ERROR(CheckOpsSupported(graph));
  std::vector<Node*> order;
  for (const auto& n : graph.nodes()) order.push_back(n.get());
  for (Node* n : order) {
    if (n->op_type == "If") {
      // The condition may have become constant by folding (Shape -> Equal -> If): inline the
      // taken branch and infer again from the start.
      if (n->input(0) && n->input(0)->is_constant()) {
        RETURN_IF_ERROR(InlineIf(graph, n));
        return InferAndFold(graph, options);
      }
      if (options.allow_data_dependent) {
        MarkRunTimeShaped(*n, options);  // the dynamic executor runs the taken branch
        SetIfOutputsWhenBranchesAgree(graph, *n);  // equal static branch shapes: known sizes
        continue;
      }
      return Status(StatusCode::kFeatureUnsupported,
                    n->Describe() + ": If with a condition computed at run time is not supported "
                                    "(only conditions known at compile time are folded)");
    }
    if (IsControlFlow(*n)) {
      if (!options.allow_data_dependent)
        return Status(StatusCode::kFeatureUnsupported,
                      n->Describe() + ": control flow runs only on the dynamic executor");
      MarkRunTimeShaped(*n, options);
      continue;
    }
    const OpSchema* s = OpRegistry::Get().Find(n->op_type, n->domain);
    bool unknown_input = false;
    for (size_t i = 0; i < n->inputs.size(); ++i) {
      Value* in = n->inputs[i];
      if (in && options.allow_data_dependent && IsRunTimeShaped(*in)) unknown_input = true;
      else if (in && (!in->has_shape || in->dtype == DType::kUndefined))
        return Status(StatusCode::kShapeInvalid, n->Describe() + ": input " + std::to_string(i) +
                                                     " ('" + in->name + "') has no known type");
    }
    RETURN_IF_ERROR(AdaptLegacyBroadcast(graph, *n));
    if (unknown_input) {
      MarkRunTimeShaped(*n, options);
      continue;
    }
    Status st = s->infer(*n);
    if (!st.ok() && st.code() == StatusCode::kDataDependentShape &&
        options.allow_data_dependent) {
      MarkRunTimeShaped(*n, options);
      continue;
    }
    if (!st.ok()) return st.WithContext("shape inference");
    bool static_outputs = true;
    for (Value* o : n->outputs)
      if (o && (!o->has_shape || !IsStatic(o->shape))) {
        if (!options.allow_data_dependent)
          return Status(StatusCode::kDataDependentShape,
                        n->Describe() + ": output '" + o->name + "' has a data-dependent shape " +
                            ShapeToString(o->shape) + ", which is not supported yet");
        static_outputs = false;
      }
    if (!static_outputs) {
      MarkRunTimeShaped(*n, options);
      continue;
    }
    if (options.fold_constants) {
      bool folded = false;
      RETURN_IF_ERROR(FoldNode(*n, options, &folded));
    }
  }
  // Nodes whose outputs all became constants are no longer needed.
  std::vector<Node*> dead;
  for (const auto& n : graph.nodes()) {
    bool all_const = true;
    for (Value* o : n->outputs)
      if (o && !o->is_constant()) all_const = false;
    if (all_const) dead.push_back(n.get());
  }
  for (Node* n : dead) graph.RemoveNode(n);
  return Status::Ok();
}

}  // namespace openacl
