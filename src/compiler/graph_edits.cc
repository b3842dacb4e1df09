#include "compiler/graph_edits.h"

#include <unordered_set>

namespace openacl {
namespace {

Node* AddCast(Graph& graph, Value* in, Value* out, DType to) {
  Node* cast = graph.AddNode("Cast", {in}, {out}, graph.UniqueName("cast_" + in->name));
  cast->attrs.set("to", Attribute::Int(static_cast<int64_t>(to)));
  out->dtype = to;
  out->shape = in->shape;
  out->has_shape = in->has_shape;
  return cast;
}

}  // namespace

Result<DType> ParseAtcType(const std::string& text) {
  static const std::pair<const char*, DType> kTypes[] = {
      {"FP32", DType::kFloat32}, {"FP16", DType::kFloat16},  {"INT8", DType::kInt8},
      {"UINT8", DType::kUInt8},  {"INT16", DType::kInt16},   {"UINT16", DType::kUInt16},
      {"INT32", DType::kInt32},  {"UINT32", DType::kUInt32}, {"INT64", DType::kInt64},
      {"UINT64", DType::kUInt64}, {"DOUBLE", DType::kFloat64}, {"BOOL", DType::kBool}};
  for (const auto& t : kTypes)
    if (text == t.first) return t.second;
  return InvalidParam("unknown --output_type value '" + text +
                      "' (FP32, FP16, INT8, UINT8, INT16, UINT16, INT32, UINT32, INT64, UINT64, "
                      "DOUBLE, BOOL)");
}

Status SelectOutputs(Graph& graph, const std::vector<std::pair<std::string, int>>& out_nodes) {
  if (out_nodes.empty()) return Status::Ok();
  std::vector<Value*> outputs;
  for (const auto& sel : out_nodes) {
    Node* found = nullptr;
    for (const auto& n : graph.nodes())
      if (n->name == sel.first) found = n.get();
    if (!found) return InvalidParam("--out_nodes names node '" + sel.first + "', which is not in the model");
    if (sel.second < 0 || sel.second >= static_cast<int>(found->outputs.size()) ||
        !found->outputs[sel.second])
      return InvalidParam("--out_nodes: node '" + sel.first + "' has no output " +
                          std::to_string(sel.second));
    outputs.push_back(found->outputs[sel.second]);
  }
  graph.outputs = outputs;
  return Status::Ok();
}

Status InsertInputCasts(Graph& graph, const std::vector<std::string>& fp16_inputs) {
  for (const std::string& name : fp16_inputs) {
    Value* in = nullptr;
    for (Value* v : graph.inputs)
      if (v->name == name) in = v;
    if (!in) return InvalidParam("--input_fp16_nodes names '" + name + "', which is not a model input");
    if (in->dtype != DType::kFloat32)
      return InvalidParam("--input_fp16_nodes: input '" + name + "' is " + DTypeName(in->dtype) +
                          ", only float32 inputs can be fed as float16");
    Value* as_float = graph.AddValue(graph.UniqueName(name + "_fp32"));
    graph.ReplaceAllUses(in, as_float);
    in->dtype = DType::kFloat16;
    AddCast(graph, in, as_float, DType::kFloat32);
  }
  return graph.TopoSort();
}

Status ApplyOutputTypes(Graph& graph, const CompileOptions& options) {
  if (options.output_type.empty() && options.output_type_per_output.empty()) return Status::Ok();
  for (size_t i = 0; i < graph.outputs.size(); ++i) {
    Value* out = graph.outputs[i];
    std::string wanted = options.output_type;
    for (const auto& kv : options.output_type_per_output) {
      bool by_name = kv.first == out->name;
      bool by_node = out->producer && kv.first.rfind(out->producer->name + ":", 0) == 0 &&
                     out->producer->outputs.size() > 0;
      if (by_node) {
        int idx = std::atoi(kv.first.substr(out->producer->name.size() + 1).c_str());
        by_node = idx >= 0 && idx < static_cast<int>(out->producer->outputs.size()) &&
                  out->producer->outputs[idx] == out;
      }
      if (by_name || by_node) wanted = kv.second;
    }
    if (wanted.empty()) continue;
    ASSIGN_OR_RETURN(DType to, ParseAtcType(wanted));
    if (to == out->dtype) continue;
    // The cast result takes over the output's name so descriptions keep the model's names.
    Value* pre = graph.AddValue(graph.UniqueName(out->name + "_precast"));
    pre->dtype = out->dtype;
    pre->shape = out->shape;
    pre->has_shape = out->has_shape;
    pre->constant = out->constant;
    out->constant.reset();
    if (out->producer) {
      Node* p = out->producer;
      for (Value*& o : p->outputs)
        if (o == out) o = pre;
      pre->producer = p;
    }
    for (const auto& n : graph.nodes())
      for (Value*& in : n->inputs)
        if (in == out) in = pre;
    AddCast(graph, pre, out, to);
  }
  return graph.TopoSort();
}

Status MakeOutputsDistinct(Graph& graph) {
  std::unordered_set<const Value*> seen;
  for (Value*& out : graph.outputs) {
    bool needs_copy = out->is_constant() || graph.IsGraphInput(out) || seen.count(out);
    seen.insert(out);
    if (!needs_copy) continue;
    Value* copy = graph.AddValue(out->name);
    copy->dtype = out->dtype;
    copy->shape = out->shape;
    copy->has_shape = out->has_shape;
    graph.AddNode("Identity", {out}, {copy}, graph.UniqueName("output_copy"));
    out = copy;
  }
  return graph.TopoSort();
}

}  // namespace openacl
