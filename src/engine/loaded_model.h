// A loaded model: prepared kernels, the step table, weights, and a pool of execution contexts
// (one work arena each) so several threads can execute the same model at once.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/status.h"
#include "format/compiled_model.h"
#include "ops/kernel.h"
#include "engine/dynamic_executor.h"
#include "engine/step_profiler.h"

namespace openacl::engine {

// Caller-provided memory for aclmdlLoad*WithMem (either may be null = allocate ourselves).
struct ModelMemory {
  void* work = nullptr;
  size_t work_size = 0;
  void* weight = nullptr;
  size_t weight_size = 0;
  bool weight_filled = false;  // `weight` already holds the model's weights (gear plans)
};

class ExecutionContext;
class GearSet;

class LoadedModel {
 public:
  // Prepares every kernel (oneDNN primitives, packed weights). The model is moved in.
  static Result<std::shared_ptr<LoadedModel>> Create(CompiledModel model, const ModelMemory& mem,
                                                     const std::string& source);
  ~LoadedModel();

  const CompiledModel& model() const { return model_; }
  const std::string& source() const { return source_; }
  // Work bytes one execution needs (values + kernel scratch), as planned at load; for a gear
  // model the largest gear's.
  uint64_t work_size() const;
  // A gear model (CompiledModel::has_gears): its plans, the gear an execute or a Set*Dynamic*
  // call chose last; null for a model without gears.
  GearSet* gears() const { return gears_.get(); }
  // Whether an execute reports the outputs' shapes of the run (data-dependent or gear models).
  bool reports_output_shapes() const { return data_dependent_shapes() || gears_ != nullptr; }

  // Runs one inference. Buffers are raw pointers with their capacities; the caller has checked
  // counts and memory kinds. No heap allocation once a context is pooled.
  // For a model with data-dependent shapes an output buffer must hold the output this run
  // produces (its size is only known at run time); `output_shapes`, when given, receives every
  // output's shape of this run.
  Status Execute(const void* const* inputs, const size_t* input_sizes, size_t num_inputs,
                 void* const* outputs, const size_t* output_sizes, size_t num_outputs,
                 std::vector<Shape>* output_shapes = nullptr);
  // Runs one inference and returns the outputs as tensors (any model; the way to run a model
  // whose output sizes are only known at run time without guessing buffer sizes).
  Status ExecuteToTensors(const void* const* inputs, const size_t* input_sizes, size_t num_inputs,
                          std::vector<Tensor>* outputs);
  bool data_dependent_shapes() const { return model_.data_dependent_shapes; }

  // Per-step profiling (off by default; OPENACL_PROFILE=1 turns it on at load and prints the
  // table to stderr when the model is unloaded). Not thread-safe against concurrent Execute.
  void EnableProfiling(bool on);
  bool profiling() const { return profiler_ != nullptr; }
  // The table so far ("" when profiling is off); `top` limits the per-step rows (0 = all).
  std::string ProfileReport(size_t top = 0) const;
  void ResetProfile();

 private:
  struct Slot {
    Placement placement;
    uint64_t offset;
    int32_t index;
    DType dtype;
    const Shape* shape;
  };
  struct Step {
    const Kernel* kernel;
    uint32_t first_input, num_inputs, first_output, num_outputs;
    const Node* node;
  };

  LoadedModel() = default;
  Status Prepare(const ModelMemory& mem);
  // Binds this call's io buffers into `ctx` and runs the steps (a planned model).
  Status RunIn(ExecutionContext* ctx, const void* const* inputs, void* const* outputs);
  Status CheckInputSizes(const size_t* input_sizes, size_t num_inputs) const;
  void ReleasePreparedWeights(const Node& node, const ModelMemory& mem);
  Status ExecuteDynamic(const void* const* inputs, const size_t* input_sizes,
                        void* const* outputs, const size_t* output_sizes,
                        std::vector<Shape>* output_shapes);
  std::unique_ptr<ExecutionContext> NewContext(void* user_work);
  ExecutionContext* Acquire();
  Status RunSteps(ExecutionContext* ctx);
  Status RunStepsProfiled(ExecutionContext* ctx);
  void Release(ExecutionContext* ctx);

  CompiledModel model_;
  std::string source_;
  std::vector<std::unique_ptr<Kernel>> kernels_;
  std::vector<Step> steps_;
  std::vector<Slot> slots_;
  std::vector<uint32_t> io_slots_;  // slots bound per call (inputs/outputs)
  const uint8_t* weight_base_ = nullptr;
  uint64_t work_size_ = 0;
  uint64_t scratch_offset_ = 0;
  int num_threads_ = 1;
  std::unique_ptr<StepProfiler> profiler_;
  std::unique_ptr<DynamicExecutor> dynamic_;  // set for data-dependent-shape models
  bool print_profile_at_unload_ = false;
  bool is_gear_plan_ = false;       // one gear's plan: contexts come from the GearSet's arenas
  std::unique_ptr<GearSet> gears_;  // set for a gear model

  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<ExecutionContext>> contexts_;  // owns all contexts
  std::vector<ExecutionContext*> free_contexts_;
  void* user_work_ = nullptr;
  bool user_work_in_use_ = false;

  friend class ExecutionContext;
  friend class GearSet;
};

}  // namespace openacl::engine
