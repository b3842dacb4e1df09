#include "frontend/onnx/onnx_importer.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <fstream>
#include <algorithm>
#include <map>
#include <sstream>
#include <unordered_map>

#include "frontend/onnx/onnx_tensor.h"
#include "onnx/onnx_pb.h"

namespace openacl {
namespace {

class Importer {
 public:
  Importer(std::string base_dir, int opset, std::map<std::string, int> domain_opsets)
      : base_dir_(std::move(base_dir)), opset_(opset), domain_opsets_(std::move(domain_opsets)) {}

  // Converts a GraphProto. Names not defined inside the graph become placeholder values
  // (outer-scope references of subgraphs).
  Result<std::unique_ptr<Graph>> Convert(const onnx::GraphProto& gp, bool is_subgraph) {
    auto graph = std::make_unique<Graph>();
    graph->name = gp.name();
    graph->opset = opset_;
    std::unordered_map<std::string, Value*> by_name;
    auto lookup = [&](const std::string& name) -> Value* {
      auto it = by_name.find(name);
      if (it != by_name.end()) return it->second;
      Value* v = graph->AddValue(name);
      by_name[name] = v;
      return v;
    };
    for (const auto& init : gp.initializer()) {
      auto t = TensorFromProto(init, base_dir_);
      if (!t.ok()) return t.status().WithContext("initializer '" + init.name() + "'");
      Value* v = lookup(init.name());
      v->dtype = t->dtype();
      v->shape = t->shape();
      v->has_shape = true;
      v->constant = std::move(t).value();
    }
    for (const auto& in : gp.input()) {
      Value* v = lookup(in.name());
      if (v->is_constant()) continue;  // IR < 4 lists initializers as inputs too
      RETURN_IF_ERROR(ApplyType(in, v));
      graph->inputs.push_back(v);
    }
    for (const auto& vi : gp.value_info()) {
      Value* v = lookup(vi.name());
      if (!v->is_constant()) ApplyType(vi, v).IgnoreError();  // hints only; inference decides
    }
    for (const auto& np : gp.node()) {
      std::vector<Value*> ins, outs;
      for (const auto& name : np.input()) ins.push_back(name.empty() ? nullptr : lookup(name));
      for (const auto& name : np.output()) outs.push_back(name.empty() ? nullptr : lookup(name));
      std::string node_name = np.name().empty() ? graph->UniqueName(np.op_type()) : np.name();
      for (Value* o : outs)
        if (o && (o->producer || o->is_constant()))
          return Status(StatusCode::kParseModel,
                        "value '" + o->name + "' is produced twice (by node '" + node_name +
                            "' and by " + (o->producer ? "node '" + o->producer->name + "'"
                                                       : std::string("an initializer")) + ")");
      Node* node = graph->AddNode(np.op_type(), ins, outs, node_name);
      node->domain = np.domain() == "ai.onnx" ? "" : np.domain();
      auto dom = domain_opsets_.find(node->domain);
      node->opset = node->domain.empty() ? opset_ : (dom == domain_opsets_.end() ? 1 : dom->second);
      std::vector<std::string> implicit;
      for (const auto& ap : np.attribute()) {
        auto attr = ConvertAttribute(ap);
        if (!attr.ok()) return attr.status().WithContext(node->Describe());
        if (attr->kind == Attribute::Kind::kGraph && attr->g)
          for (const std::string& name : OuterScopeNames(*attr->g))
            if (std::find(implicit.begin(), implicit.end(), name) == implicit.end())
              implicit.push_back(name);
        node->attrs.set(ap.name(), std::move(attr).value());
      }
      // Outer values read by the subgraphs become trailing inputs (see kImplicitInputsAttr).
      if (!implicit.empty()) {
        for (const std::string& name : implicit) node->inputs.push_back(lookup(name));
        node->attrs.set(kImplicitInputsAttr, Attribute::Strings(implicit));
      }
    }
    for (const auto& out : gp.output()) {
      Value* v = lookup(out.name());
      if (!v->dtype_known_from_type) ApplyType(out, v).IgnoreError();
      graph->outputs.push_back(v);
    }
    (void)is_subgraph;
    return graph;
  }

 private:
  // Reads elem type and shape from a ValueInfoProto.
  Status ApplyType(const onnx::ValueInfoProto& vi, Value* v) {
    if (!vi.has_type()) return Status::Ok();
    const auto& type = vi.type();
    if (!type.has_tensor_type())
      return Status(StatusCode::kUnsupportedDataType,
                    "value '" + vi.name() + "' is not a tensor (sequence/map/optional types are "
                                            "not supported)");
    const auto& tt = type.tensor_type();
    if (tt.elem_type() != 0) {
      if (!IsKnownDType(tt.elem_type()) || tt.elem_type() == static_cast<int>(DType::kString))
        return Status(StatusCode::kUnsupportedDataType,
                      "value '" + vi.name() + "' has unsupported element type " +
                          std::to_string(tt.elem_type()));
      v->dtype = static_cast<DType>(tt.elem_type());
      v->dtype_known_from_type = true;
    }
    if (tt.has_shape()) {
      v->shape.clear();
      v->dim_names.clear();
      for (const auto& d : tt.shape().dim()) {
        v->shape.push_back(d.has_dim_value() ? d.dim_value() : -1);
        v->dim_names.push_back(d.has_dim_param() ? d.dim_param() : "");
      }
      v->has_shape = true;
    }
    return Status::Ok();
  }

  Result<Attribute> ConvertAttribute(const onnx::AttributeProto& ap) {
    using AP = onnx::AttributeProto;
    switch (ap.type()) {
      case AP::INT: return Attribute::Int(ap.i());
      case AP::FLOAT: return Attribute::Float(ap.f());
      case AP::STRING: return Attribute::String(ap.s());
      case AP::INTS: return Attribute::Ints({ap.ints().begin(), ap.ints().end()});
      case AP::FLOATS: return Attribute::Floats({ap.floats().begin(), ap.floats().end()});
      case AP::STRINGS: return Attribute::Strings({ap.strings().begin(), ap.strings().end()});
      case AP::TENSOR: {
        auto t = TensorFromProto(ap.t(), base_dir_);
        if (!t.ok()) return t.status();
        return Attribute::TensorValue(std::move(t).value());
      }
      case AP::GRAPH: {
        auto g = Convert(ap.g(), true);
        if (!g.ok()) return g.status().WithContext("subgraph '" + ap.name() + "'");
        Attribute a;
        a.kind = Attribute::Kind::kGraph;
        a.g = std::shared_ptr<Graph>(std::move(g).value());
        return a;
      }
      default:
        return Status(StatusCode::kUnsupportedOp,
                      "attribute '" + ap.name() + "' has unsupported type " +
                          std::to_string(static_cast<int>(ap.type())));
    }
  }

  std::string base_dir_;
  int opset_;
  std::map<std::string, int> domain_opsets_;  // opset version per non-default domain
};

Result<std::unique_ptr<Graph>> ImportModel(const onnx::ModelProto& model,
                                           const std::string& base_dir) {
  if (model.ir_version() < 3 || model.ir_version() > 10)
    return Status(StatusCode::kParseModel, "ONNX IR version " +
                                               std::to_string(model.ir_version()) +
                                               " is not supported (3..10 are)");
  int opset = 0;
  std::map<std::string, int> domain_opsets;
  for (const auto& op : model.opset_import()) {
    if (op.domain().empty() || op.domain() == "ai.onnx")
      opset = static_cast<int>(op.version());
    else
      domain_opsets[op.domain()] = static_cast<int>(op.version());
  }
  if (opset == 0)
    return Status(StatusCode::kParseModel,
                  "model has no opset_import for the default ONNX domain (truncated file?)");
  if (opset > 18)
    return Status(StatusCode::kParseModel,
                  "ONNX opset " + std::to_string(opset) + " is newer than supported (7..18)");
  if (!model.has_graph()) return Status(StatusCode::kParseModel, "model has no graph");
  Importer importer(base_dir, opset, domain_opsets);
  return importer.Convert(model.graph(), false);
}

Result<std::unique_ptr<Graph>> ParseAndImport(const void* data, size_t size,
                                              const std::string& base_dir,
                                              const std::string& what) {
  if (data == nullptr || size == 0)
    return Status(StatusCode::kParseModel, what + ": empty model");
  onnx::ModelProto model;
  google::protobuf::io::ArrayInputStream raw(data, static_cast<int>(size));
  google::protobuf::io::CodedInputStream coded(&raw);
  coded.SetTotalBytesLimit(INT32_MAX);
  if (!model.ParseFromCodedStream(&coded) || !coded.ConsumedEntireMessage())
    return Status(StatusCode::kParseModel, what + " is not a valid ONNX model (protobuf parse failed)");
  auto graph = ImportModel(model, base_dir);
  if (!graph.ok()) return graph.status().WithContext(what);
  return graph;
}

}  // namespace

Result<std::unique_ptr<Graph>> ImportOnnxFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(StatusCode::kInvalidFile, "cannot open model file '" + path + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string bytes = ss.str();
  std::string base_dir = ".";
  size_t slash = path.find_last_of('/');
  if (slash != std::string::npos) base_dir = slash == 0 ? "/" : path.substr(0, slash);
  return ParseAndImport(bytes.data(), bytes.size(), base_dir, "model '" + path + "'");
}

Result<std::unique_ptr<Graph>> ImportOnnxBytes(const void* data, size_t size,
                                               const std::string& base_dir) {
  return ParseAndImport(data, size, base_dir, "in-memory ONNX model");
}

}  // namespace openacl
