// The plans of a gear model (atc --dynamic_batch_size / --dynamic_image_size / --dynamic_dims):
// one prepared plan per gear over the model's one weight copy, and a pool of work arenas each
// sized for the largest gear (memory at load is the maximum over gears, not the sum). An execute
// reads the gear from the ascend_mbatch_shape_data input (last), runs that gear's plan on the
// first rows of the max-size input buffers and writes the outputs at the start of the output
// buffers, as AscendCL lays them out.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/status.h"
#include "engine/loaded_model.h"
#include "format/compiled_model.h"

namespace openacl::engine {

class GearSet {
 public:
  // `model` is the gear model (it must outlive the set); its plans are moved into the set, and
  // model.gears[g] keeps only its io descriptions and sizes.
  static Result<std::unique_ptr<GearSet>> Create(CompiledModel& model, const ModelMemory& mem,
                                                 const std::string& source);
  ~GearSet();

  uint64_t work_size() const { return work_size_; }
  size_t num_gears() const { return plans_.size(); }
  const CompiledModel& plan(size_t gear) const { return plans_[gear]->model(); }

  // The gear whose values are `values` (batch {n}, image size {h, w}, dims one per -1 dim);
  // kShapeInvalid listing the model's gears otherwise.
  Result<size_t> Find(const std::vector<int64_t>& values) const;
  // The gear held by an ascend_mbatch_shape_data buffer (int32 values, or int64 when the buffer
  // has room for them, as the Set*Dynamic* calls write them).
  Result<size_t> FromGearInput(const void* data, size_t size) const;
  // "1,2,4,8" / "224,224;448,448": the gears, for messages.
  std::string List() const;

  // The gear chosen last by a Set*Dynamic* call or an execute (-1: none yet).
  int current() const { return current_.load(std::memory_order_relaxed); }
  void set_current(size_t gear) { current_.store(static_cast<int>(gear), std::memory_order_relaxed); }

  Status Execute(const void* const* inputs, const size_t* input_sizes, size_t num_inputs,
                 void* const* outputs, const size_t* output_sizes, size_t num_outputs,
                 std::vector<Shape>* output_shapes);
  Status ExecuteToTensors(const void* const* inputs, const size_t* input_sizes, size_t num_inputs,
                          std::vector<Tensor>* outputs);

 private:
  struct Arena;
  explicit GearSet(const CompiledModel& model);
  Arena* Acquire();
  void Release(Arena* arena);
  Result<size_t> GearOfCall(const void* const* inputs, const size_t* input_sizes,
                            size_t num_inputs) const;

  const CompiledModel& model_;
  std::vector<std::shared_ptr<LoadedModel>> plans_;
  uint64_t work_size_ = 0;
  std::atomic<int> current_{-1};
  std::mutex mutex_;
  std::vector<std::unique_ptr<Arena>> arenas_;
  std::vector<Arena*> free_;
  void* user_work_ = nullptr;  // aclmdlLoad*WithMem work memory: the first arena
};

}  // namespace openacl::engine
