// Model ids -> loaded models, and the opaque structs of the model API (aclmdlDesc,
// aclmdlDataset, config handles). Ids start at 1 and are never reused, so a stale or double
// unload is an error code, not a crash.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "acl/acl_mdl.h"
#include "capi/guard.h"
#include "format/compiled_model.h"
#include "engine/loaded_model.h"

struct aclmdlDesc {
  uint32_t model_id = 0;
  bool filled = false;
  std::vector<openacl::IODesc> inputs;
  std::vector<openacl::IODesc> outputs;
  // Gear models (model_gears.cc): the kind, each gear's values and its plan's input / output
  // shapes (inputs without the gear input).
  openacl::GearKind gear_kind = openacl::GearKind::kNone;
  std::vector<std::vector<int64_t>> gear_values;
  std::vector<std::vector<openacl::Shape>> gear_input_shapes;
  std::vector<std::vector<openacl::Shape>> gear_output_shapes;
};

struct aclmdlDataset {
  std::vector<aclDataBuffer*> buffers;
  std::vector<aclTensorDesc*> descs;  // set by aclmdlSetDatasetTensorDesc (not owned)
  // Descs created by an execute of a data-dependent-shape model to report the shape of each
  // output this run (owned; destroyed with the dataset).
  std::vector<aclTensorDesc*> owned_descs;
  // A Set*Dynamic* call filled this dataset's gear input (an execute of a gear model needs one).
  bool gear_set = false;
};

struct aclmdlConfigHandle {
  int32_t priority = 0;
  size_t load_type = 0;
  std::string path;
  const void* mem = nullptr;
  size_t mem_size = 0;
  void* weight = nullptr;
  size_t weight_size = 0;
  void* work = nullptr;
  size_t work_size = 0;
};

struct aclmdlExecConfigHandle {
  int64_t stream_sync_timeout = -1;
  int64_t event_sync_timeout = -1;
};

namespace openacl::capi {

LiveSet<aclmdlDesc>& ModelDescRegistry();
LiveSet<aclmdlDataset>& DatasetRegistry();
LiveSet<aclmdlConfigHandle>& ConfigHandleRegistry();
LiveSet<aclmdlExecConfigHandle>& ExecConfigRegistry();

// Registers a loaded model and returns its id.
uint32_t AddModel(std::shared_ptr<engine::LoadedModel> model);
// kInvalidModelId naming the id when it is unknown or already unloaded.
Result<std::shared_ptr<engine::LoadedModel>> FindModel(uint32_t id);
// For a gear model: kShapeInvalid naming the setter and listing the gears when no Set*Dynamic*
// call filled `input`'s gear input (model_gears.cc).
Status CheckGearSet(const engine::LoadedModel& model, const aclmdlDataset* input);
Status RemoveModel(uint32_t id);
// Unloads everything (aclFinalize).
void RemoveAllModels();

// Loads an .om or .onnx (compiled on the fly) from a file or memory.
Result<std::shared_ptr<engine::LoadedModel>> LoadModelFile(const char* path, const engine::ModelMemory& mem);
Result<std::shared_ptr<engine::LoadedModel>> LoadModelMemory(const void* data, size_t size,
                                                     const engine::ModelMemory& mem);
// The compiled model without preparing kernels (descriptions, size queries).
Result<CompiledModel> ReadModelFile(const char* path);
Result<CompiledModel> ReadModelMemory(const void* data, size_t size);

}  // namespace openacl::capi
