#include "compiler/compiler.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_set>

#include "compiler/aipp/insert_aipp.h"
#include "compiler/graph_edits.h"
#include "compiler/layout_blocked.h"
#include "frontend/onnx/onnx_importer.h"
#include "kernels/kernel_registry.h"
#include "passes/infer_and_fold.h"
#include "passes/pass_manager.h"
#include "planner/memory_plan.h"

namespace openacl {
namespace {

void Progress(const CompileOptions& o, const std::string& stage, double f) {
  if (o.progress) o.progress(stage, f);
}

Status ApplyInputShapes(Graph& graph, const CompileOptions& options) {
  for (const auto& kv : options.input_shapes) {
    Value* v = nullptr;
    for (Value* in : graph.inputs)
      if (in->name == kv.first) v = in;
    if (!v)
      return InvalidParam("--input_shape names '" + kv.first + "', which is not a model input");
    if (v->has_shape && v->shape.size() != kv.second.size())
      return InvalidParam("--input_shape gives rank " + std::to_string(kv.second.size()) +
                          " for input '" + kv.first + "' of rank " +
                          std::to_string(v->shape.size()));
    for (size_t i = 0; v->has_shape && i < v->shape.size(); ++i)
      if (v->shape[i] >= 0 && kv.second[i] >= 0 && v->shape[i] != kv.second[i])
        return InvalidParam("--input_shape sets dim " + std::to_string(i) + " of '" + kv.first +
                            "' to " + std::to_string(kv.second[i]) + " but the model fixes it to " +
                            std::to_string(v->shape[i]));
    v->shape = kv.second;
    v->has_shape = true;
  }
  return Status::Ok();
}

IOFormat FormatFor(const Value* v, const std::string& input_format) {
  if (input_format == "NHWC") return v->shape.size() == 4 ? IOFormat::kNHWC : IOFormat::kND;
  if (input_format == "ND") return IOFormat::kND;
  return v->shape.size() == 4 ? IOFormat::kNCHW : IOFormat::kND;
}

IODesc MakeDesc(const Value* v, IOFormat format) {
  IODesc d;
  d.name = v->name;
  d.dtype = v->dtype;
  d.shape = v->has_shape ? v->shape : Shape{-2};  // -2: rank unknown until run time
  d.format = format;
  d.nbytes = v->has_shape && IsStatic(v->shape) ? v->nbytes() : 0;
  return d;
}

// Copies constants into one 64-byte-aligned blob at their planned offsets and repoints them.
void MaterializeWeights(CompiledModel& model) {
  size_t size = std::max<uint64_t>(model.weight_size, 64);
  void* raw = std::aligned_alloc(64, AlignUp(size));
  std::memset(raw, 0, AlignUp(size));
  std::shared_ptr<const uint8_t> blob(static_cast<uint8_t*>(raw), [](const uint8_t* p) {
    std::free(const_cast<uint8_t*>(p));
  });
  for (auto& kv : model.plan) {
    if (kv.second.placement != Placement::kWeight) continue;
    Value* v = const_cast<Value*>(kv.first);
    uint8_t* dst = static_cast<uint8_t*>(raw) + kv.second.offset;
    std::memcpy(dst, v->constant->data(), v->nbytes());
    v->constant = Tensor(v->dtype, v->shape, std::shared_ptr<const uint8_t>(blob, dst));
  }
  model.weights = blob;
}

// IO descriptions, recorded options and the weight blob: the common tail of both paths.
void FinishModel(std::unique_ptr<Graph> graph, const CompileOptions& options,
                 CompiledModel* model) {
  for (const Value* in : graph->inputs)
    model->inputs.push_back(MakeDesc(in, FormatFor(in, options.input_format)));
  DescribeAippInputs(*graph, &model->inputs);
  for (const Value* out : graph->outputs)
    model->outputs.push_back(MakeDesc(out, FormatFor(out, "")));
  model->options = options.recorded;
  model->options["soc_version"] = options.soc_version;
  model->graph = std::move(graph);
  MaterializeWeights(*model);
  Progress(options, "done", 1.0);
}

// A graph with shapes decided at run time: optimization passes on its static region only, no
// kernel choice and no arena plan; the dynamic executor infers, prepares and allocates per run.
// Graph optimizations on the part of a data-dependent graph whose shapes are static: nodes
// touching a value of run-time shape are hidden from the passes (their op type is prefixed, so
// no pattern matches them) and restored afterwards. No layout pass: the dynamic executor
// allocates values in their plain layout.
constexpr const char* kHiddenPrefix = "openacl.run_time_shaped.";

Status OptimizeStaticRegion(Graph& graph) {
  auto run_time_shaped = [](const Value* v) { return v && !v->is_constant() && !v->has_shape; };
  for (const auto& n : graph.nodes()) {
    bool hide = false;
    for (const Value* v : n->inputs) hide = hide || run_time_shaped(v);
    for (const Value* v : n->outputs) hide = hide || run_time_shaped(v);
    if (hide) n->op_type = kHiddenPrefix + n->op_type;
  }
  Status st = RunOptimizationPasses(graph);
  const std::string prefix = kHiddenPrefix;
  for (const auto& n : graph.nodes())
    if (n->op_type.compare(0, prefix.size(), prefix) == 0) n->op_type = n->op_type.substr(prefix.size());
  return st;
}

Result<CompiledModel> FinishDataDependent(std::unique_ptr<Graph> graph,
                                          const CompileOptions& options) {
  if (options.optimize) RETURN_IF_ERROR(OptimizeStaticRegion(*graph));
  RETURN_IF_ERROR(ApplyOutputTypes(*graph, options));
  RETURN_IF_ERROR(MakeOutputsDistinct(*graph));
  graph->RemoveDeadNodes();
  RETURN_IF_ERROR(graph->TopoSort());
  MarkRequestedPrecision(*graph, options.precision);
  CompiledModel model;
  model.data_dependent_shapes = true;
  model.kernels.assign(graph->nodes().size(), std::string());
  ASSIGN_OR_RETURN(MemoryPlan plan, PlanWeightsAndIO(*graph));
  model.plan = std::move(plan.values);
  model.weight_size = plan.weight_size;
  FinishModel(std::move(graph), options, &model);
  return model;
}

}  // namespace

Result<std::map<std::string, Shape>> ParseInputShapes(const std::string& text) {
  std::map<std::string, Shape> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ';')) {
    if (item.empty()) continue;
    size_t colon = item.rfind(':');
    if (colon == std::string::npos || colon == 0)
      return InvalidParam("malformed --input_shape entry '" + item + "' (expected name:d0,d1,...)");
    Shape shape;
    std::stringstream ds(item.substr(colon + 1));
    std::string dim;
    while (std::getline(ds, dim, ',')) {
      char* end = nullptr;
      long long d = std::strtoll(dim.c_str(), &end, 10);
      if (dim.empty() || *end != '\0' || d < -1)
        return InvalidParam("malformed dim '" + dim + "' in --input_shape entry '" + item + "'");
      shape.push_back(d);
    }
    out[item.substr(0, colon)] = shape;
  }
  return out;
}

Result<CompiledModel> CompileGraph(std::unique_ptr<Graph> graph, const CompileOptions& options) {
  Progress(options, "prepare", 0.1);
  RETURN_IF_ERROR(ApplyInputShapes(*graph, options));
  RETURN_IF_ERROR(InsertAippFromFile(*graph, options.insert_op_conf, options.input_format));
  RETURN_IF_ERROR(MarkKeptNodes(*graph, options.precision));
  RETURN_IF_ERROR(SelectOutputs(*graph, options.out_nodes));
  RETURN_IF_ERROR(InsertInputCasts(*graph, options.fp16_inputs));
  Progress(options, "shape inference and constant folding", 0.2);
  bool data_dependent = false;
  InferOptions infer_options;
  infer_options.allow_data_dependent = true;
  infer_options.data_dependent = &data_dependent;
  RETURN_IF_ERROR(InferAndFold(*graph, infer_options));
  if (data_dependent) return FinishDataDependent(std::move(graph), options);
  if (options.optimize) {
    Progress(options, "graph optimization", 0.4);
    RETURN_IF_ERROR(RunOptimizationPasses(*graph));
  }
  RETURN_IF_ERROR(ApplyOutputTypes(*graph, options));
  RETURN_IF_ERROR(MakeOutputsDistinct(*graph));
  graph->RemoveDeadNodes();
  RETURN_IF_ERROR(graph->TopoSort());
  if (options.optimize) RETURN_IF_ERROR(AssignBlockedLayouts(*graph));
  MarkRequestedPrecision(*graph, options.precision);

  Progress(options, "kernel selection", 0.6);
  CompiledModel model;
  uint64_t scratch = 0;
  for (const auto& n : graph->nodes()) {
    std::string choice = ChooseKernel(*n);
    auto kernel = CreateKernel(*n, choice);
    if (!kernel.ok()) return kernel.status();
    scratch = std::max<uint64_t>(scratch, (*kernel)->ScratchBytes());
    model.kernels.push_back(choice);
  }
  Progress(options, "memory planning", 0.8);
  ASSIGN_OR_RETURN(MemoryPlan plan, PlanMemory(*graph, scratch));
  model.plan = std::move(plan.values);
  model.arena_size = plan.arena_size;
  model.scratch_offset = plan.scratch_offset;
  model.scratch_size = plan.scratch_size;
  model.weight_size = plan.weight_size;
  FinishModel(std::move(graph), options, &model);
  return model;
}

// The source read once for the gears (each gear imports it again: passes change the graph).
Result<CompiledModel> CompileOnnxFileGears(const std::string& path, const CompileOptions& options) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return Status(StatusCode::kInvalidFile, "cannot open model file " + path);
  std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  std::string dir = std::filesystem::path(path).parent_path().string();
  if (dir.empty()) dir = ".";
  auto model = CompileOnnxGears(bytes.data(), bytes.size(), dir, options);
  if (!model.ok()) return model.status().WithContext("compiling '" + path + "'");
  return model;
}

Result<CompiledModel> CompileOnnxFile(const std::string& path, const CompileOptions& options) {
  if (options.gears.dynamic()) return CompileOnnxFileGears(path, options);
  Progress(options, "import", 0.0);
  ASSIGN_OR_RETURN(std::unique_ptr<Graph> graph, ImportOnnxFile(path));
  auto model = CompileGraph(std::move(graph), options);
  if (!model.ok()) return model.status().WithContext("compiling '" + path + "'");
  return model;
}

Result<CompiledModel> CompileOnnxBytes(const void* data, size_t size, const std::string& base_dir,
                                       const CompileOptions& options) {
  if (options.gears.dynamic()) return CompileOnnxGears(data, size, base_dir, options);
  ASSIGN_OR_RETURN(std::unique_ptr<Graph> graph, ImportOnnxBytes(data, size, base_dir));
  return CompileGraph(std::move(graph), options);
}

}  // namespace openacl
