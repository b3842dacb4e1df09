#include "engine/loaded_model.h"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "engine/execution_context.h"
#include "engine/gear_set.h"
#include "format/om_reader.h"
#include "kernels/kernel_registry.h"
#include "ops/op_registry.h"
#include "kernels/onednn/layout_attrs.h"
#include "device/thread_config.h"

namespace openacl::engine {

uint64_t LoadedModel::work_size() const { return gears_ ? gears_->work_size() : work_size_; }

LoadedModel::~LoadedModel() {
  if (print_profile_at_unload_ && profiler_ && profiler_->runs() > 0)
    std::fprintf(stderr, "%s: %s", source_.c_str(), profiler_->Report().c_str());
}

Result<std::shared_ptr<LoadedModel>> LoadedModel::Create(CompiledModel model,
                                                         const ModelMemory& mem,
                                                         const std::string& source) {
  std::shared_ptr<LoadedModel> loaded(new LoadedModel());
  loaded->model_ = std::move(model);
  loaded->source_ = source;
  Status st;
  if (loaded->model_.has_gears()) {  // one plan per gear, over one weight copy and one arena
    auto gears = GearSet::Create(loaded->model_, mem, source);
    if (gears.ok()) loaded->gears_ = std::move(gears).value();
    st = gears.status();
  } else {
    st = loaded->Prepare(mem);
  }
  if (!st.ok()) return st.WithContext("loading " + source);
  if (const char* env = std::getenv("OPENACL_PROFILE"); env && env[0] == '1') {
    loaded->EnableProfiling(true);
    loaded->print_profile_at_unload_ = true;
  }
  return loaded;
}

// Re-derives every node's output types and shapes from its inputs and compares them with the
// recorded ones, so a crafted .om cannot make a kernel read or write past a buffer.
static Status VerifyRecordedShapes(const Graph& graph) {
  for (const auto& n : graph.nodes()) {
    const OpSchema* schema = OpRegistry::Get().Find(n->op_type, n->domain);
    if (!schema) return Status(StatusCode::kParseModel, n->Describe() + ": unknown op type");
    std::vector<std::pair<DType, Shape>> recorded;
    for (const Value* o : n->outputs)
      recorded.emplace_back(o ? o->dtype : DType::kUndefined, o ? o->shape : Shape());
    Status st = schema->infer(*n);
    for (size_t i = 0; i < n->outputs.size(); ++i) {
      Value* o = n->outputs[i];
      if (!o) continue;
      bool same = o->dtype == recorded[i].first && o->shape == recorded[i].second;
      o->dtype = recorded[i].first;
      o->shape = recorded[i].second;
      if (st.ok() && !same)
        return Status(StatusCode::kParseModel, n->Describe() + ": recorded output '" + o->name +
                                                   "' does not match its inputs");
    }
    if (!st.ok()) return st.WithContext("verifying the model");
  }
  return Status::Ok();
}

Status LoadedModel::Prepare(const ModelMemory& mem) {
  const Graph& graph = *model_.graph;
  num_threads_ = device::ConfiguredNumThreads();
  // oneDNN fixes a primitive's thread count when it is created: create them with ours.
  omp_set_num_threads(num_threads_);
  if (model_.data_dependent_shapes) {
    // Shapes are inferred and kernels prepared at run time from the actual inputs.
    ASSIGN_OR_RETURN(dynamic_, DynamicExecutor::Create(*model_.graph));
    weight_base_ = model_.weights.get();
    return Status::Ok();
  }
  RETURN_IF_ERROR(VerifyRecordedShapes(graph));
  if (model_.kernels.size() != graph.nodes().size())
    return Status(StatusCode::kParseModel, "kernel table does not match the graph");
  uint64_t scratch = model_.scratch_size;
  for (size_t i = 0; i < graph.nodes().size(); ++i) {
    const Node& node = *graph.nodes()[i];
    auto kernel = CreateKernel(node, model_.kernels[i]);
    if (!kernel.ok()) {
      // A recorded kernel may be unavailable on this machine: fall back to the best one here,
      // unless the node keeps blocked tensors, which only its recorded kernel understands.
      if (onednn::HasBlockedLayout(node)) return kernel.status();
      kernel = CreateKernel(node, "");
      if (!kernel.ok()) return kernel.status();
    }
    scratch = std::max<uint64_t>(scratch, (*kernel)->ScratchBytes());
    kernels_.push_back(std::move(kernel).value());
    ReleasePreparedWeights(node, mem);
  }
  scratch_offset_ = model_.scratch_offset;
  work_size_ = scratch_offset_ + AlignUp(scratch);
  if (work_size_ < model_.arena_size) work_size_ = model_.arena_size;

  weight_base_ = model_.weights.get();
  if (mem.weight) {
    if (mem.weight_size < model_.weight_size)
      return Status(StatusCode::kModelSizeInvalid,
                    "weight memory of " + std::to_string(mem.weight_size) +
                        " bytes is smaller than the model's " + std::to_string(model_.weight_size));
    if (model_.weight_size && !mem.weight_filled)
      std::memcpy(mem.weight, model_.weights.get(), model_.weight_size);
    weight_base_ = static_cast<const uint8_t*>(mem.weight);
  }
  if (mem.work) {
    if (mem.work_size < work_size_)
      return Status(StatusCode::kModelSizeInvalid,
                    "work memory of " + std::to_string(mem.work_size) +
                        " bytes is smaller than the model needs (" + std::to_string(work_size_) +
                        ", see aclmdlQuerySize)");
    user_work_ = mem.work;
  }

  // Step table: one slot per node input/output.
  for (size_t i = 0; i < graph.nodes().size(); ++i) {
    const Node& node = *graph.nodes()[i];
    Step step{kernels_[i].get(), static_cast<uint32_t>(slots_.size()),
              static_cast<uint32_t>(node.inputs.size()), 0,
              static_cast<uint32_t>(node.outputs.size()), &node};
    auto add_slot = [&](const Value* v) -> Status {
      if (!v) {
        slots_.push_back({Placement::kNone, 0, -1, DType::kUndefined, nullptr});
        return Status::Ok();
      }
      auto it = model_.plan.find(v);
      if (it == model_.plan.end())
        return Internal(node.Describe() + ": value '" + v->name + "' has no memory plan");
      const ValuePlan& p = it->second;
      Placement placement = p.placement == Placement::kAlias ? Placement::kArena : p.placement;
      auto outside = [&](uint64_t limit) { return p.nbytes > limit || p.offset > limit - p.nbytes; };
      if ((placement == Placement::kArena && outside(work_size_)) ||
          (placement == Placement::kWeight && outside(model_.weight_size)) ||
          p.nbytes < v->nbytes())
        return Status(StatusCode::kParseModel, "value '" + v->name + "' is planned out of bounds");
      if (placement == Placement::kInput || placement == Placement::kOutput) {
        size_t count = placement == Placement::kInput ? model_.inputs.size() : model_.outputs.size();
        if (p.index < 0 || static_cast<size_t>(p.index) >= count)
          return Status(StatusCode::kParseModel, "value '" + v->name + "' has a bad io index");
        io_slots_.push_back(static_cast<uint32_t>(slots_.size()));
      }
      slots_.push_back({placement, p.offset, p.index, v->dtype, &v->shape});
      return Status::Ok();
    };
    for (const Value* v : node.inputs) RETURN_IF_ERROR(add_slot(v));
    step.first_output = static_cast<uint32_t>(slots_.size());
    for (const Value* v : node.outputs) RETURN_IF_ERROR(add_slot(v));
    steps_.push_back(step);
  }
  if (is_gear_plan_) return Status::Ok();  // the GearSet owns the arenas
  // One context up front so the first execute allocates nothing.
  contexts_.push_back(NewContext(user_work_));
  if (user_work_) user_work_in_use_ = true;
  free_contexts_.reserve(16);
  free_contexts_.push_back(contexts_.back().get());
  return Status::Ok();
}

// Weights packed by a kernel (convolutions, GEMMs) are not read again from the .om, so their
// pages are dropped right after the node is prepared: the model is not resident twice (file
// pages + packed copies). Always safe for a read-only file mapping: a page read later (by a
// kernel that uses its weights as they are, or another consumer) comes back from the file.
void LoadedModel::ReleasePreparedWeights(const Node& node, const ModelMemory& mem) {
  if (!model_.weights_file_mapped || mem.weight) return;
  for (const Value* v : node.inputs) {
    if (!v || !v->is_constant()) continue;
    auto it = model_.plan.find(v);
    if (it == model_.plan.end() || it->second.placement != Placement::kWeight) continue;
    ReleaseMappedPages(model_.weights.get() + it->second.offset, it->second.nbytes);
  }
}

void LoadedModel::EnableProfiling(bool on) {
  if (!on) {
    profiler_.reset();
    return;
  }
  if (profiler_) return;
  std::vector<StepProfiler::StepInfo> info;
  for (size_t i = 0; i < steps_.size(); ++i)
    info.push_back({steps_[i].node->name, steps_[i].node->op_type,
                    i < model_.kernels.size() ? model_.kernels[i] : std::string()});
  if (dynamic_)  // every node, kernels chosen per run (time includes inference and preparation)
    for (const auto& n : model_.graph->nodes()) info.push_back({n->name, n->op_type, "dynamic"});
  profiler_ = std::make_unique<StepProfiler>(std::move(info));
}

std::string LoadedModel::ProfileReport(size_t top) const {
  return profiler_ ? profiler_->Report(top) : std::string();
}

void LoadedModel::ResetProfile() {
  if (profiler_) profiler_->Reset();
}

std::unique_ptr<ExecutionContext> LoadedModel::NewContext(void* user_work) {
  auto ctx = std::make_unique<ExecutionContext>();
  if (user_work) {
    ctx->arena = static_cast<uint8_t*>(user_work);
  } else {
    ctx->arena = static_cast<uint8_t*>(std::aligned_alloc(64, AlignUp(std::max<uint64_t>(work_size_, 64))));
    ctx->owns_arena = true;
  }
  ctx->refs.resize(slots_.size());
  for (size_t i = 0; i < slots_.size(); ++i) {
    const Slot& s = slots_[i];
    TensorRef& r = ctx->refs[i];
    r.dtype = s.dtype;
    r.shape = s.shape;
    if (s.placement == Placement::kArena) r.data = ctx->arena + s.offset;
    if (s.placement == Placement::kWeight) r.data = const_cast<uint8_t*>(weight_base_ + s.offset);
  }
  return ctx;
}

ExecutionContext* LoadedModel::Acquire() {
  std::lock_guard<std::mutex> lock(pool_mutex_);
  if (!free_contexts_.empty()) {
    ExecutionContext* ctx = free_contexts_.back();
    free_contexts_.pop_back();
    return ctx;
  }
  // More concurrent executions than contexts: grow the pool (allocation only here).
  contexts_.push_back(NewContext(nullptr));
  return contexts_.back().get();
}

void LoadedModel::Release(ExecutionContext* ctx) {
  std::lock_guard<std::mutex> lock(pool_mutex_);
  free_contexts_.push_back(ctx);
}

Status LoadedModel::CheckInputSizes(const size_t* input_sizes, size_t num_inputs) const {
  if (num_inputs != model_.inputs.size())
    return Status(StatusCode::kInvalidParam, "model needs " + std::to_string(model_.inputs.size()) +
                                                 " inputs, dataset has " +
                                                 std::to_string(num_inputs));
  for (size_t i = 0; i < num_inputs; ++i)
    if (input_sizes[i] < model_.inputs[i].nbytes)
      return Status(StatusCode::kInvalidParam,
                    "input " + std::to_string(i) + " ('" + model_.inputs[i].name + "') buffer has " +
                        std::to_string(input_sizes[i]) + " bytes, the model needs " +
                        std::to_string(model_.inputs[i].nbytes));
  return Status::Ok();
}

Status LoadedModel::ExecuteToTensors(const void* const* inputs, const size_t* input_sizes,
                                     size_t num_inputs, std::vector<Tensor>* outputs) {
  if (gears_) return gears_->ExecuteToTensors(inputs, input_sizes, num_inputs, outputs);
  RETURN_IF_ERROR(CheckInputSizes(input_sizes, num_inputs));
  if (dynamic_) {
    omp_set_num_threads(num_threads_);
    if (!profiler_) return dynamic_->Run(inputs, outputs);
    std::vector<int64_t> ns;
    RETURN_IF_ERROR(dynamic_->Run(inputs, outputs, &ns));
    profiler_->AddRun(ns);
    return Status::Ok();
  }
  outputs->clear();
  std::vector<void*> ptrs;
  std::vector<size_t> sizes;
  for (const IODesc& d : model_.outputs) {
    outputs->emplace_back(d.dtype, d.shape);
    ptrs.push_back(outputs->back().mutable_data());
    sizes.push_back(d.nbytes);
  }
  return Execute(inputs, input_sizes, num_inputs, ptrs.data(), sizes.data(), ptrs.size());
}

Status LoadedModel::Execute(const void* const* inputs, const size_t* input_sizes,
                            size_t num_inputs, void* const* outputs, const size_t* output_sizes,
                            size_t num_outputs, std::vector<Shape>* output_shapes) {
  if (gears_)
    return gears_->Execute(inputs, input_sizes, num_inputs, outputs, output_sizes, num_outputs,
                           output_shapes);
  RETURN_IF_ERROR(CheckInputSizes(input_sizes, num_inputs));
  if (num_outputs != model_.outputs.size())
    return Status(StatusCode::kInvalidParam, "model has " + std::to_string(model_.outputs.size()) +
                                                 " outputs, dataset has " +
                                                 std::to_string(num_outputs));
  if (dynamic_) return ExecuteDynamic(inputs, input_sizes, outputs, output_sizes, output_shapes);
  if (output_shapes) {
    output_shapes->clear();
    for (const IODesc& d : model_.outputs) output_shapes->push_back(d.shape);
  }
  for (size_t i = 0; i < num_outputs; ++i)
    if (output_sizes[i] < model_.outputs[i].nbytes)
      return Status(StatusCode::kInvalidParam,
                    "output " + std::to_string(i) + " ('" + model_.outputs[i].name +
                        "') buffer has " + std::to_string(output_sizes[i]) +
                        " bytes, the model needs " + std::to_string(model_.outputs[i].nbytes));
  static thread_local int threads_set = 0;
  if (threads_set != num_threads_) {
    omp_set_num_threads(num_threads_);
    threads_set = num_threads_;
  }
  ExecutionContext* ctx = Acquire();
  Status st = RunIn(ctx, inputs, outputs);
  Release(ctx);
  return st;
}

Status LoadedModel::RunIn(ExecutionContext* ctx, const void* const* inputs,
                          void* const* outputs) {
  for (uint32_t idx : io_slots_) {
    const Slot& s = slots_[idx];
    ctx->refs[idx].data = s.placement == Placement::kInput ? const_cast<void*>(inputs[s.index])
                                                           : outputs[s.index];
  }
  return profiler_ ? RunStepsProfiled(ctx) : RunSteps(ctx);
}

Status LoadedModel::ExecuteDynamic(const void* const* inputs, const size_t* input_sizes,
                                   void* const* outputs, const size_t* output_sizes,
                                   std::vector<Shape>* output_shapes) {
  std::vector<Tensor> results;
  RETURN_IF_ERROR(ExecuteToTensors(inputs, input_sizes, model_.inputs.size(), &results));
  for (size_t i = 0; i < results.size(); ++i)
    if (output_sizes[i] < results[i].nbytes())
      return Status(StatusCode::kInvalidParam,
                    "output " + std::to_string(i) + " ('" + model_.outputs[i].name +
                        "') has shape " + ShapeToString(results[i].shape()) + " this run (" +
                        std::to_string(results[i].nbytes()) + " bytes); the buffer has " +
                        std::to_string(output_sizes[i]) + " bytes");
  if (output_shapes) output_shapes->clear();
  for (size_t i = 0; i < results.size(); ++i) {
    if (results[i].nbytes()) std::memcpy(outputs[i], results[i].data(), results[i].nbytes());
    if (output_shapes) output_shapes->push_back(results[i].shape());
  }
  return Status::Ok();
}

Status LoadedModel::RunSteps(ExecutionContext* ctx) {
  void* scratch = ctx->arena + scratch_offset_;
  for (const Step& step : steps_) {
    KernelIO io{&ctx->refs[step.first_input], step.num_inputs, &ctx->refs[step.first_output],
                step.num_outputs, scratch};
    Status st = step.kernel->Run(io);
    if (!st.ok()) return st.WithContext("executing " + step.node->Describe());
  }
  return Status::Ok();
}

Status LoadedModel::RunStepsProfiled(ExecutionContext* ctx) {
  using clock = std::chrono::steady_clock;
  void* scratch = ctx->arena + scratch_offset_;
  std::vector<int64_t> ns(steps_.size(), 0);
  for (size_t i = 0; i < steps_.size(); ++i) {
    const Step& step = steps_[i];
    KernelIO io{&ctx->refs[step.first_input], step.num_inputs, &ctx->refs[step.first_output],
                step.num_outputs, scratch};
    auto t0 = clock::now();
    Status st = step.kernel->Run(io);
    ns[i] = std::chrono::duration_cast<std::chrono::nanoseconds>(clock::now() - t0).count();
    if (!st.ok()) return st.WithContext("executing " + step.node->Describe());
  }
  profiler_->AddRun(ns);
  return Status::Ok();
}

}  // namespace openacl::engine
