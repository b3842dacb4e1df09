#include "capi/model_registry.h"

#include <cstring>
#include <map>
#include <mutex>

#include "base/checked_math.h"
#include "compiler/compiler.h"
#include "device/memory_registry.h"
#include "format/om_reader.h"

namespace openacl::capi {
namespace {

std::mutex g_mu;
std::map<uint32_t, std::shared_ptr<engine::LoadedModel>>& Table() {
  static auto* table = new std::map<uint32_t, std::shared_ptr<engine::LoadedModel>>();
  return *table;
}
uint32_t g_next_id = 1;

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// An .om starts with our magic; anything else given to the loaders is tried as ONNX.
bool LooksLikeOm(const void* data, size_t size) {
  return size >= 8 && std::memcmp(data, "OPENACL", 7) == 0;
}

// A loaded model with its work and weight memory charged to the device heap, so a device has one
// budget (openacl.device_memory_mb covers aclrtMalloc and models alike). The charge is taken
// before the kernels are prepared and given back when the last reference goes (aclmdlUnload, or
// later when a queued async execute still holds the model). Memory the app passed with
// aclmdlLoad*WithMem is already an aclrtMalloc block and is not charged again.
struct ChargedModel {
  std::shared_ptr<engine::LoadedModel> model;
  size_t bytes = 0;
  uint64_t generation = 0;
  ~ChargedModel() {
    model.reset();
    device::MemoryRegistry::Global().Uncharge(bytes, generation);
  }
};

Result<std::shared_ptr<engine::LoadedModel>> CreateCharged(CompiledModel model,
                                                           const engine::ModelMemory& mem,
                                                           const std::string& source) {
  auto& heap = device::MemoryRegistry::Global();
  uint64_t work = mem.work ? 0 : model.arena_size;
  uint64_t weight = mem.weight ? 0 : model.weight_size;
  uint64_t first = 0;
  if (!CheckedAdd<uint64_t>(work, weight, &first) || first > SIZE_MAX)
    return Status(StatusCode::kMemoryAllocation, source + ": work " + std::to_string(work) +
                                                     " + weight " + std::to_string(weight) +
                                                     " bytes overflow");
  auto charge = std::make_shared<ChargedModel>();
  RETURN_IF_ERROR(heap.Charge(first, "loading " + source + " (" + std::to_string(work) +
                                         " work + " + std::to_string(weight) + " weight bytes)",
                              &charge->generation));
  charge->bytes = first;
  ASSIGN_OR_RETURN(charge->model, engine::LoadedModel::Create(std::move(model), mem, source));
  // Kernels may need more scratch than planned: charge the difference too.
  uint64_t prepared = charge->model->work_size();
  if (!mem.work && prepared > work) {
    uint64_t extra_generation = 0;
    RETURN_IF_ERROR(heap.Charge(prepared - work,
                                "loading " + source + " (kernel scratch)", &extra_generation));
    charge->bytes += prepared - work;
  }
  engine::LoadedModel* raw = charge->model.get();
  return std::shared_ptr<engine::LoadedModel>(std::move(charge), raw);
}

}  // namespace

LiveSet<aclmdlDesc>& ModelDescRegistry() {
  static auto* s = new LiveSet<aclmdlDesc>();
  return *s;
}
LiveSet<aclmdlDataset>& DatasetRegistry() {
  static auto* s = new LiveSet<aclmdlDataset>();
  return *s;
}
LiveSet<aclmdlConfigHandle>& ConfigHandleRegistry() {
  static auto* s = new LiveSet<aclmdlConfigHandle>();
  return *s;
}
LiveSet<aclmdlExecConfigHandle>& ExecConfigRegistry() {
  static auto* s = new LiveSet<aclmdlExecConfigHandle>();
  return *s;
}

uint32_t AddModel(std::shared_ptr<engine::LoadedModel> model) {
  static const bool hooked = [] {
    RegisterFinalizeHook(&RemoveAllModels);  // aclFinalize unloads every model
    return true;
  }();
  (void)hooked;
  std::lock_guard<std::mutex> lock(g_mu);
  uint32_t id = g_next_id++;
  Table()[id] = std::move(model);
  return id;
}

Result<std::shared_ptr<engine::LoadedModel>> FindModel(uint32_t id) {
  std::lock_guard<std::mutex> lock(g_mu);
  auto it = Table().find(id);
  if (it == Table().end())
    return Status(StatusCode::kInvalidModelId,
                  "model id " + std::to_string(id) +
                      (id != 0 && id < g_next_id ? " was already unloaded" : " was never loaded"));
  return it->second;
}

Status RemoveModel(uint32_t id) {
  std::shared_ptr<engine::LoadedModel> doomed;  // released outside the lock
  {
    std::lock_guard<std::mutex> lock(g_mu);
    auto it = Table().find(id);
    if (it == Table().end())
      return Status(StatusCode::kInvalidModelId,
                    "model id " + std::to_string(id) +
                        (id != 0 && id < g_next_id ? " was already unloaded" : " was never loaded"));
    doomed = std::move(it->second);
    Table().erase(it);
  }
  return Status::Ok();
}

void RemoveAllModels() {
  std::map<uint32_t, std::shared_ptr<engine::LoadedModel>> doomed;
  std::lock_guard<std::mutex> lock(g_mu);
  doomed.swap(Table());
}

Result<CompiledModel> ReadModelFile(const char* path) {
  if (path == nullptr) return InvalidParam("model path is null");
  std::string p(path);
  if (EndsWith(p, ".onnx")) return CompileOnnxFile(p, CompileOptions());
  return ReadOmFile(p);
}

Result<CompiledModel> ReadModelMemory(const void* data, size_t size) {
  if (data == nullptr) return InvalidParam("model pointer is null");
  if (size == 0) return InvalidParam("model size is 0");
  if (LooksLikeOm(data, size)) return ReadOmMemory(data, size, /*copy=*/true);
  auto onnx = CompileOnnxBytes(data, size, "", CompileOptions());
  if (onnx.ok()) return onnx;
  return Status(StatusCode::kDeserializeModel,
                "model in memory (" + std::to_string(size) +
                    " bytes) is neither an openacl .om nor a compilable ONNX model: " +
                    onnx.status().message());
}

Result<std::shared_ptr<engine::LoadedModel>> LoadModelFile(const char* path, const engine::ModelMemory& mem) {
  ASSIGN_OR_RETURN(CompiledModel model, ReadModelFile(path));
  if (model.is_single_op)
    return InvalidParam(std::string("'") + path +
                        "' is a single-operator model; load it with aclopSetModelDir/aclopLoad");
  return CreateCharged(std::move(model), mem, std::string("model '") + path + "'");
}

Result<std::shared_ptr<engine::LoadedModel>> LoadModelMemory(const void* data, size_t size,
                                                     const engine::ModelMemory& mem) {
  ASSIGN_OR_RETURN(CompiledModel model, ReadModelMemory(data, size));
  if (model.is_single_op)
    return InvalidParam("the model in memory is a single-operator model; use aclopLoad");
  return CreateCharged(std::move(model), mem, "model in memory");
}

}  // namespace openacl::capi
