// Gear models: one complete plan per gear (shapes, kernel choice, arena offsets) over one weight
// blob, and the description the app sees (AscendCL's: -1 at the dims that vary, the largest
// gear's sizes, the extra ascend_mbatch_shape_data input last).
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <unordered_map>

#include "compiler/compiler.h"
#include "frontend/onnx/onnx_importer.h"

namespace openacl {
namespace {

// Places every distinct weight byte string of all plans once in a new blob and repoints the
// plans' constants and offsets into it: weights that do not depend on the gear (convolution
// filters, ...) are stored and loaded once.
Status ShareWeights(std::vector<CompiledModel>& plans, std::shared_ptr<const uint8_t>* blob_out,
                    uint64_t* size_out) {
  struct Placed {
    const uint8_t* bytes;
    uint64_t size;
    uint64_t offset;
  };
  std::unordered_multimap<size_t, Placed> placed;
  struct Move {
    CompiledModel* plan;
    Value* value;
    const uint8_t* bytes;
    uint64_t size;
    uint64_t offset;
  };
  std::vector<Move> moves;
  uint64_t end = 0;
  for (CompiledModel& plan : plans) {
    if (!plan.weights && plan.weight_size) return Internal("a gear plan has no weight blob");
    for (const auto& v : plan.graph->values()) {
      auto it = plan.plan.find(v.get());
      if (it == plan.plan.end() || it->second.placement != Placement::kWeight) continue;
      const uint8_t* bytes = plan.weights.get() + it->second.offset;
      const uint64_t size = it->second.nbytes;
      const size_t key = std::hash<std::string_view>()(
          std::string_view(reinterpret_cast<const char*>(bytes), size));
      uint64_t offset = UINT64_MAX;
      auto range = placed.equal_range(key);
      for (auto p = range.first; p != range.second; ++p)
        if (p->second.size == size && std::memcmp(p->second.bytes, bytes, size) == 0)
          offset = p->second.offset;
      if (offset == UINT64_MAX) {
        offset = AlignUp(end);
        end = offset + size;
        placed.emplace(key, Placed{bytes, size, offset});
      }
      moves.push_back({&plan, v.get(), bytes, size, offset});
    }
  }
  const uint64_t size = std::max<uint64_t>(AlignUp(end), 64);
  uint8_t* raw = static_cast<uint8_t*>(std::aligned_alloc(64, size));
  if (!raw) return Status(StatusCode::kBadAlloc, "cannot allocate the gears' weight blob");
  std::memset(raw, 0, size);
  std::shared_ptr<const uint8_t> blob(raw, [](const uint8_t* p) { std::free(const_cast<uint8_t*>(p)); });
  for (const Move& m : moves) {
    std::memcpy(raw + m.offset, m.bytes, m.size);
    m.plan->plan[m.value].offset = m.offset;
  }
  for (const Move& m : moves)  // after every copy: the old blobs stay alive until here
    m.value->constant =
        Tensor(m.value->dtype, m.value->shape, std::shared_ptr<const uint8_t>(blob, raw + m.offset));
  for (CompiledModel& plan : plans) {
    plan.weights = blob;
    plan.weight_size = size;
    plan.weights_file_mapped = false;
  }
  *blob_out = blob;
  *size_out = size;
  return Status::Ok();
}

std::string GearName(const GearSpec& spec, size_t g) {
  return "gear '" + GearToString(spec.kind, spec.gears[g]) + "' (--" + GearFlagName(spec.kind) +
         ")";
}

// Inputs: -1 where the gears differ, the largest size. Outputs: the shape of the gear whose
// output is largest (aclmdlGetOutputDims reports the max gear), the largest size.
Result<std::vector<IODesc>> CombineDescs(const std::vector<CompiledModel>& plans,
                                         const GearSpec& spec, bool input) {
  const char* what = input ? "input" : "output";
  const auto& first = input ? plans[0].inputs : plans[0].outputs;
  std::vector<IODesc> out = first;
  for (size_t g = 1; g < plans.size(); ++g) {
    const auto& list = input ? plans[g].inputs : plans[g].outputs;
    if (list.size() != first.size())
      return InvalidParam(GearName(spec, g) + " gives the model " + std::to_string(list.size()) +
                          " " + what + "s, " + GearName(spec, 0) + " " +
                          std::to_string(first.size()));
    for (size_t i = 0; i < list.size(); ++i) {
      IODesc& d = out[i];
      if (list[i].dtype != d.dtype || list[i].shape.size() != d.shape.size())
        return InvalidParam(GearName(spec, g) + " changes the type or rank of " + what + " '" +
                            d.name + "'");
      if (input) {
        for (size_t k = 0; k < d.shape.size(); ++k)
          if (d.shape[k] != list[i].shape[k]) d.shape[k] = -1;
      } else if (list[i].nbytes > d.nbytes) {
        d.shape = list[i].shape;
      }
      d.nbytes = std::max(d.nbytes, list[i].nbytes);
    }
  }
  return out;
}

}  // namespace

Result<CompiledModel> CompileOnnxGears(const void* data, size_t size, const std::string& base_dir,
                                       const CompileOptions& options) {
  return CompileGraphGears([&] { return ImportOnnxBytes(data, size, base_dir); }, options);
}

Result<CompiledModel> CompileGraphGears(const GraphSource& source, const CompileOptions& options) {
  const GearSpec& spec = options.gears;
  if (!spec.dynamic()) return InvalidParam("CompileGraphGears: no gears given");
  std::vector<CompiledModel> plans;
  for (size_t g = 0; g < spec.gears.size(); ++g) {
    CompileOptions o = options;
    o.gears = GearSpec();
    for (auto& [name, shape] : spec.ShapesOf(g)) o.input_shapes[name] = shape;
    const double lo = static_cast<double>(g) / spec.gears.size();
    const double span = 1.0 / spec.gears.size();
    o.progress = [&, lo, span](const std::string& stage, double f) {
      if (options.progress) options.progress(GearName(spec, g) + ": " + stage, lo + f * span);
    };
    auto graph = source();
    if (!graph.ok()) return graph.status();
    auto plan = CompileGraph(std::move(graph).value(), o);
    if (!plan.ok()) return plan.status().WithContext("compiling " + GearName(spec, g));
    plans.push_back(std::move(plan).value());
  }
  CompiledModel model;
  ASSIGN_OR_RETURN(model.inputs, CombineDescs(plans, spec, true));
  ASSIGN_OR_RETURN(model.outputs, CombineDescs(plans, spec, false));
  for (const IODesc& d : model.inputs)
    if (d.name == kGearInputName)
      return InvalidParam(std::string("the model already has an input named '") + kGearInputName +
                          "', the name AscendCL gives the gear input");
  IODesc gear_input;
  gear_input.name = kGearInputName;
  gear_input.dtype = DType::kInt32;
  gear_input.shape = {static_cast<int64_t>(spec.gears[0].size())};
  gear_input.format = IOFormat::kND;
  gear_input.nbytes = spec.gears[0].size() * sizeof(int32_t);
  model.inputs.push_back(gear_input);
  RETURN_IF_ERROR(ShareWeights(plans, &model.weights, &model.weight_size));
  for (const CompiledModel& p : plans) model.arena_size = std::max(model.arena_size, p.arena_size);
  model.options = plans[0].options;
  model.options["dynamic_gears"] = GearListToString(spec.kind, spec.gears);
  model.graph = std::make_unique<Graph>();
  model.graph->name = plans[0].graph->name;
  model.graph->opset = plans[0].graph->opset;
  model.gear_kind = spec.kind;
  model.gear_values = spec.gears;
  model.gears = std::move(plans);
  if (options.progress) options.progress("done", 1.0);
  return model;
}

}  // namespace openacl
