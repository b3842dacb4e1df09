#include "compiler/single_op/single_op_compiler.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "compiler/compiler.h"
#include "compiler/single_op/op_json.h"
#include "compiler/single_op/op_mapping.h"
#include "format/om_writer.h"
#include "ops/op_registry.h"

namespace openacl {
namespace single_op {
namespace {

bool CpuFormat(int32_t f) {
  return f == kAclFormatND || f == kAclFormatNCHW || f == kAclFormatNHWC ||
         f == kAclFormatUndefined || f == 35 /*NC*/ || f == 47 /*NCL*/ || f == 30 /*NCDHW*/ ||
         f == 27 /*NDHWC*/;
}

Status CheckTensor(const TensorSpec& t, const std::string& what) {
  if (t.omitted()) return Status::Ok();
  RETURN_IF_ERROR(AclToIrDType(t.dtype).status().WithContext(what));
  if (!CpuFormat(t.format))
    return Status(StatusCode::kFeatureUnsupported,
                  what + ": format " + AclFormatName(t.format) +
                      " is a device-private layout openacl does not use (ND, NCHW, NHWC, NC, "
                      "NCL, NCDHW, NDHWC)");
  return Status::Ok();
}

// Each node's first input type must be one its schema lists.
Status CheckRegistryTypes(const Graph& g, const std::string& op) {
  for (const auto& n : g.nodes()) {
    const OpSchema* s = OpRegistry::Get().Find(n->op_type, n->domain);
    if (!s) return Unsupported(op + ": ONNX op " + n->op_type + " is not in the op registry");
    const Value* x = n->input(0);
    if (!x || s->types.empty()) continue;
    if (std::find(s->types.begin(), s->types.end(), x->dtype) != s->types.end()) continue;
    std::string known;
    for (DType t : s->types) known += (known.empty() ? "" : ", ") + AclDTypeName(IrToAclDType(t));
    return Status(StatusCode::kUnsupportedDataType,
                  op + ": data type " + AclDTypeName(IrToAclDType(x->dtype)) + " is not supported" +
                      " by its kernel " + n->op_type + " (supported: " + known + ")");
  }
  return Status::Ok();
}

Result<CompiledModel> Build(const OpDesc& desc, const OpDesc& recorded, const std::string& soc) {
  const OpMapping* m = FindOpMapping(desc.op);
  if (!m) return Unsupported("op type '" + desc.op + "' is not supported");
  for (size_t i = 0; i < desc.inputs.size(); ++i)
    RETURN_IF_ERROR(CheckTensor(desc.inputs[i], desc.op + ": input " + std::to_string(i)));
  for (size_t i = 0; i < desc.outputs.size(); ++i)
    RETURN_IF_ERROR(CheckTensor(desc.outputs[i], desc.op + ": output " + std::to_string(i)));

  auto graph = std::make_unique<Graph>();
  graph->opset = 13;
  graph->name = desc.op;
  BuildContext ctx(*graph, desc, *m);
  for (size_t i = 0; i < desc.inputs.size(); ++i) {
    const TensorSpec& t = desc.inputs[i];
    std::string name = "x" + std::to_string(i);
    if (t.omitted()) {
      ctx.in().push_back(nullptr);
    } else if (t.is_const) {
      auto c = ConstTensor(t);
      if (!c.ok()) return c.status().WithContext(desc.op + ": input " + std::to_string(i));
      ctx.in().push_back(graph->AddConstant(name, std::move(c).value()));
    } else {
      if (t.unknown_rank() || !IsStatic(t.dims))
        return Internal(desc.op + ": input " + std::to_string(i) + " has no concrete shape");
      Value* v = graph->AddValue(name);
      v->dtype = AclToIrDType(t.dtype).value();
      v->shape = t.dims;
      v->has_shape = true;
      graph->inputs.push_back(v);
      ctx.in().push_back(v);
    }
  }
  ASSIGN_OR_RETURN(std::vector<Value*> outs, m->build(ctx));
  if (outs.size() != desc.outputs.size())
    return Internal(desc.op + ": builder made " + std::to_string(outs.size()) + " outputs for " +
                    std::to_string(desc.outputs.size()) + " described");
  graph->outputs = outs;

  CompileOptions options;
  if (!soc.empty()) options.soc_version = soc;
  options.recorded["singleop"] = desc.op;
  auto compiled = CompileGraph(std::move(graph), options);
  if (!compiled.ok()) return compiled.status().WithContext(desc.op);
  CompiledModel model = std::move(compiled).value();
  RETURN_IF_ERROR(CheckRegistryTypes(*model.graph, desc.op));
  for (size_t i = 0; i < desc.outputs.size(); ++i) {
    const TensorSpec& want = desc.outputs[i];
    const IODesc& got = model.outputs[i];
    if (IrToAclDType(got.dtype) != want.dtype)
      return Status(StatusCode::kOpInputNotMatch,
                    desc.op + ": output " + std::to_string(i) + " is described as " +
                        AclDTypeName(want.dtype) + " but the op computes " +
                        AclDTypeName(IrToAclDType(got.dtype)) + " for these inputs");
    bool shape_ok = want.unknown_rank() || want.dims.size() == got.shape.size();
    for (size_t d = 0; shape_ok && !want.unknown_rank() && d < want.dims.size(); ++d)
      shape_ok = want.dims[d] < 0 || want.dims[d] == got.shape[d];
    if (!shape_ok)
      return Status(StatusCode::kOpInputNotMatch,
                    desc.op + ": output " + std::to_string(i) + " is described with shape " +
                        ShapeToString(want.dims) + " but the op computes " +
                        ShapeToString(got.shape) + " for these inputs");
  }
  model.is_single_op = true;
  model.single_op.acl_op_type = desc.op;
  model.single_op.json = OpDescToJson(recorded);
  return model;
}

Shape Representative(const TensorSpec& t) {
  Shape s = t.dims;
  for (size_t d = 0; d < s.size(); ++d)
    if (s[d] < 0) s[d] = d < t.shape_range.size() ? std::max<int64_t>(t.shape_range[d][0], 1) : 1;
  return s;
}

}  // namespace

std::vector<int> GraphInputIndex(const OpDesc& desc) {
  std::vector<int> idx;
  int next = 0;
  for (const auto& t : desc.inputs) idx.push_back(t.omitted() || t.is_const ? -1 : next++);
  return idx;
}

Result<CompiledModel> CompileSingleOp(const OpDesc& in, const std::string& soc_version) {
  OpDesc desc = in;
  RETURN_IF_ERROR(Canonicalize(desc));
  OpDesc concrete = desc;
  for (auto& t : concrete.inputs) {
    if (t.omitted() || t.is_const) continue;
    if (t.unknown_rank())
      return Status(StatusCode::kFeatureUnsupported,
                    desc.op +
                        ": inputs of unknown rank are not supported (give the rank, -1 for "
                        "dynamic dims)");
    t.dims = Representative(t);
  }
  return Build(concrete, desc, soc_version);
}

Result<CompiledModel> CompileSingleOpForShapes(const OpDesc& desc,
                                               const std::vector<Shape>& input_dims) {
  OpDesc concrete = desc;
  for (size_t i = 0; i < concrete.inputs.size() && i < input_dims.size(); ++i) {
    TensorSpec& t = concrete.inputs[i];
    if (t.omitted() || t.is_const) continue;
    t.dims = input_dims[i];
    t.shape_range.clear();
  }
  return Build(concrete, concrete, "");
}

}  // namespace single_op

Status CompileSingleOpJson(const std::string& json_path, const std::string& out_dir,
                           const std::string& soc_version) {
  std::ifstream f(json_path, std::ios::binary);
  if (!f) return Status(StatusCode::kInvalidFile, "cannot open " + json_path);
  std::stringstream ss;
  ss << f.rdbuf();
  ASSIGN_OR_RETURN(auto descs, single_op::ParseOpDescList(ss.str(), json_path));
  std::vector<std::pair<std::string, CompiledModel>> models;
  for (size_t i = 0; i < descs.size(); ++i) {
    auto model = single_op::CompileSingleOp(descs[i], soc_version);
    if (!model.ok())
      return model.status().WithContext(json_path + ": entry " + std::to_string(i) + " (" +
                                        descs[i].op + ")");
    std::string name =
        descs[i].name.empty() ? single_op::DefaultModelName(descs[i], i) : descs[i].name;
    if (name.size() < 3 || name.compare(name.size() - 3, 3, ".om") != 0) name += ".om";
    for (const auto& m : models)
      if (m.first == name)
        return InvalidParam(json_path + ": entry " + std::to_string(i) + " (" + descs[i].op +
                            "): model name " + name + " is used twice");
    models.emplace_back(name, std::move(model).value());
  }
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) return Status(StatusCode::kWriteFile, "cannot create " + out_dir + ": " + ec.message());
  for (const auto& [name, model] : models)
    RETURN_IF_ERROR(WriteOm(model, (std::filesystem::path(out_dir) / name).string()));
  return Status::Ok();
}

}  // namespace openacl
