#include "engine/gear_set.h"

#include <omp.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "engine/execution_context.h"

namespace openacl::engine {

// One work arena (the largest gear's size) with a context per gear bound to it, so switching
// gears from call to call allocates nothing.
struct GearSet::Arena {
  uint8_t* data = nullptr;
  bool owned = false;
  std::vector<std::unique_ptr<ExecutionContext>> per_gear;
  ~Arena() {
    per_gear.clear();
    if (owned) std::free(data);
  }
};

GearSet::GearSet(const CompiledModel& model) : model_(model) {}
GearSet::~GearSet() = default;

Result<std::unique_ptr<GearSet>> GearSet::Create(CompiledModel& model, const ModelMemory& mem,
                                                 const std::string& source) {
  std::unique_ptr<GearSet> set(new GearSet(model));
  if (model.gears.empty() || model.gears.size() != model.gear_values.size())
    return Status(StatusCode::kParseModel, "the gear model has no plans");
  // The caller's weight memory gets the one weight copy; every plan reads it.
  ModelMemory plan_mem;
  if (mem.weight) {
    if (mem.weight_size < model.weight_size)
      return Status(StatusCode::kModelSizeInvalid,
                    "weight memory of " + std::to_string(mem.weight_size) +
                        " bytes is smaller than the model's " + std::to_string(model.weight_size));
    if (model.weight_size) std::memcpy(mem.weight, model.weights.get(), model.weight_size);
    plan_mem.weight = mem.weight;
    plan_mem.weight_size = mem.weight_size;
    plan_mem.weight_filled = true;
  }
  for (size_t g = 0; g < model.gears.size(); ++g) {
    std::shared_ptr<LoadedModel> plan(new LoadedModel());
    plan->model_ = std::move(model.gears[g]);
    CompiledModel& kept = model.gears[g];
    kept = CompiledModel();
    kept.inputs = plan->model_.inputs;
    kept.outputs = plan->model_.outputs;
    kept.arena_size = plan->model_.arena_size;
    plan->source_ = source + " gear " + std::to_string(g);
    plan->is_gear_plan_ = true;
    Status st = plan->Prepare(plan_mem);
    if (!st.ok()) return st.WithContext("preparing gear " + std::to_string(g));
    set->work_size_ = std::max(set->work_size_, plan->work_size_);
    set->plans_.push_back(std::move(plan));
  }
  set->work_size_ = std::max<uint64_t>(set->work_size_, model.arena_size);
  if (mem.work) {
    if (mem.work_size < set->work_size_)
      return Status(StatusCode::kModelSizeInvalid,
                    "work memory of " + std::to_string(mem.work_size) +
                        " bytes is smaller than the model needs (" +
                        std::to_string(set->work_size_) + ", see aclmdlQuerySize)");
    set->user_work_ = mem.work;
  }
  // One arena up front so the first execute allocates nothing.
  set->free_.push_back(set->Acquire());
  return set;
}

GearSet::Arena* GearSet::Acquire() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!free_.empty()) {
      Arena* a = free_.back();
      free_.pop_back();
      return a;
    }
  }
  // More concurrent executions than arenas: a new one (allocation only here).
  auto arena = std::make_unique<Arena>();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (user_work_) {
      arena->data = static_cast<uint8_t*>(user_work_);
      user_work_ = nullptr;
    }
  }
  if (!arena->data) {
    arena->data = static_cast<uint8_t*>(
        std::aligned_alloc(64, AlignUp(std::max<uint64_t>(work_size_, 64))));
    arena->owned = true;
  }
  for (const auto& plan : plans_) arena->per_gear.push_back(plan->NewContext(arena->data));
  std::lock_guard<std::mutex> lock(mutex_);
  arenas_.push_back(std::move(arena));
  return arenas_.back().get();
}

void GearSet::Release(Arena* arena) {
  std::lock_guard<std::mutex> lock(mutex_);
  free_.push_back(arena);
}

std::string GearSet::List() const {
  std::string s;
  const char* sep = model_.gear_kind == GearKind::kBatch ? "," : ";";
  for (size_t g = 0; g < model_.gear_values.size(); ++g) {
    if (g) s += sep;
    for (size_t i = 0; i < model_.gear_values[g].size(); ++i)
      s += (i ? "," : "") + std::to_string(model_.gear_values[g][i]);
  }
  return s;
}

Result<size_t> GearSet::Find(const std::vector<int64_t>& values) const {
  for (size_t g = 0; g < model_.gear_values.size(); ++g)
    if (model_.gear_values[g] == values) return g;
  std::string shown;
  for (size_t i = 0; i < values.size(); ++i) shown += (i ? "," : "") + std::to_string(values[i]);
  const char* what = model_.gear_kind == GearKind::kBatch       ? "batch size "
                     : model_.gear_kind == GearKind::kImageSize ? "image size (height,width) "
                                                                : "dynamic dims ";
  return Status(StatusCode::kShapeInvalid, std::string(what) + shown +
                                               " is not one of the model's gears (" + List() + ")");
}

Result<size_t> GearSet::FromGearInput(const void* data, size_t size) const {
  const size_t k = model_.gear_values[0].size();
  if (data == nullptr || size < k * sizeof(int32_t))
    return InvalidParam(std::string("the ") + kGearInputName + " input buffer has " +
                        std::to_string(size) + " bytes, it needs " +
                        std::to_string(k * sizeof(int32_t)));
  std::vector<int64_t> values(k);
  const bool wide = size >= k * sizeof(uint64_t);
  for (size_t i = 0; i < k; ++i) {
    if (wide) {
      uint64_t v;
      std::memcpy(&v, static_cast<const uint8_t*>(data) + i * sizeof(v), sizeof(v));
      values[i] = static_cast<int64_t>(v);
    } else {
      uint32_t v;
      std::memcpy(&v, static_cast<const uint8_t*>(data) + i * sizeof(v), sizeof(v));
      values[i] = static_cast<int64_t>(v);
    }
  }
  return Find(values);
}

Result<size_t> GearSet::GearOfCall(const void* const* inputs, const size_t* input_sizes,
                                   size_t num_inputs) const {
  if (num_inputs != model_.inputs.size())
    return InvalidParam("model needs " + std::to_string(model_.inputs.size()) +
                        " inputs (the last is " + kGearInputName + "), dataset has " +
                        std::to_string(num_inputs));
  auto gear = FromGearInput(inputs[num_inputs - 1], input_sizes[num_inputs - 1]);
  if (!gear.ok())
    return gear.status().WithContext(std::string("the gear set in ") + kGearInputName);
  return gear;
}

Status GearSet::Execute(const void* const* inputs, const size_t* input_sizes, size_t num_inputs,
                        void* const* outputs, const size_t* output_sizes, size_t num_outputs,
                        std::vector<Shape>* output_shapes) {
  ASSIGN_OR_RETURN(size_t g, GearOfCall(inputs, input_sizes, num_inputs));
  LoadedModel& plan = *plans_[g];
  set_current(g);
  if (plan.dynamic_)  // a plan with run-time shapes: no arena
    return plan.Execute(inputs, input_sizes, num_inputs - 1, outputs, output_sizes, num_outputs,
                        output_shapes);
  RETURN_IF_ERROR(plan.CheckInputSizes(input_sizes, num_inputs - 1));
  const auto& descs = plan.model_.outputs;
  if (num_outputs != descs.size())
    return InvalidParam("model has " + std::to_string(descs.size()) + " outputs, dataset has " +
                        std::to_string(num_outputs));
  for (size_t i = 0; i < num_outputs; ++i)
    if (output_sizes[i] < descs[i].nbytes)
      return InvalidParam("output " + std::to_string(i) + " ('" + descs[i].name +
                          "') buffer has " + std::to_string(output_sizes[i]) +
                          " bytes, gear " + std::to_string(g) + " needs " +
                          std::to_string(descs[i].nbytes));
  if (output_shapes) {
    output_shapes->clear();
    for (const IODesc& d : descs) output_shapes->push_back(d.shape);
  }
  static thread_local int threads_set = 0;
  if (threads_set != plan.num_threads_) {
    omp_set_num_threads(plan.num_threads_);
    threads_set = plan.num_threads_;
  }
  Arena* arena = Acquire();
  Status st = plan.RunIn(arena->per_gear[g].get(), inputs, outputs);
  Release(arena);
  return st;
}

Status GearSet::ExecuteToTensors(const void* const* inputs, const size_t* input_sizes,
                                 size_t num_inputs, std::vector<Tensor>* outputs) {
  ASSIGN_OR_RETURN(size_t g, GearOfCall(inputs, input_sizes, num_inputs));
  set_current(g);
  return plans_[g]->ExecuteToTensors(inputs, input_sizes, num_inputs - 1, outputs);
}

}  // namespace openacl::engine
