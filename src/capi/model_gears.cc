// Dynamic gears (acl-api.md §2.8, §2.10): the description queries (aclmdlGetDynamicBatch,
// aclmdlGetDynamicHW, aclmdlGetInputDynamicGearCount, aclmdlGetInputDynamicDims,
// aclmdlGetCurOutputDims) and the setters that fill the ascend_mbatch_shape_data input
// (aclmdlSetDynamicBatchSize, aclmdlSetDynamicHWSize, aclmdlSetInputDynamicDims).
#include <cstring>
#include <functional>

#include "acl/acl_mdl.h"
#include "capi/data_buffer.h"
#include "capi/model_registry.h"
#include "device/memory_registry.h"
#include "engine/gear_set.h"

using openacl::GearKind;
using openacl::Result;
using openacl::Shape;
using openacl::Status;
using openacl::StatusCode;
namespace capi = openacl::capi;
namespace engine = openacl::engine;

namespace {

const char* KindName(GearKind kind) {
  switch (kind) {
    case GearKind::kBatch:
      return "dynamic batch";
    case GearKind::kImageSize:
      return "dynamic image size";
    case GearKind::kDims:
      return "dynamic dims";
    case GearKind::kNone:
      break;
  }
  return "no dynamic";
}

const char* SetterFor(GearKind kind) {
  switch (kind) {
    case GearKind::kBatch:
      return "aclmdlSetDynamicBatchSize";
    case GearKind::kImageSize:
      return "aclmdlSetDynamicHWSize";
    case GearKind::kDims:
      return "aclmdlSetInputDynamicDims";
    case GearKind::kNone:
      break;
  }
  return "";
}

Status CheckDesc(const aclmdlDesc* desc) {
  RETURN_IF_ERROR(capi::ModelDescRegistry().Check(desc, "modelDesc", "aclmdlDesc"));
  if (!desc->filled)
    return openacl::InvalidParam("modelDesc was not filled (call aclmdlGetDesc first)");
  return Status::Ok();
}

// Every input's shape of one gear, concatenated (what aclmdlGetInputDynamicDims reports and
// aclmdlSetInputDynamicDims takes).
std::vector<int64_t> Concatenated(const std::vector<Shape>& shapes) {
  std::vector<int64_t> all;
  for (const Shape& s : shapes) all.insert(all.end(), s.begin(), s.end());
  return all;
}

// Fills the gear input of `dataset` with gear `find` picks: the checks every setter shares.
Status SetGear(const char* setter, GearKind kind, uint32_t modelId, aclmdlDataset* dataset,
               size_t index, const std::function<Result<size_t>(engine::GearSet&)>& find) {
  ASSIGN_OR_RETURN(auto model, capi::FindModel(modelId));
  RETURN_IF_ERROR(capi::DatasetRegistry().Check(dataset, "dataset", "aclmdlDataset"));
  engine::GearSet* gears = model->gears();
  const openacl::CompiledModel& m = model->model();
  const std::string which = "model id " + std::to_string(modelId);
  if (!gears)
    return Status(StatusCode::kModelNotDynamic,
                  which + " has no dynamic gears (compile it with atc --dynamic_batch_size, "
                          "--dynamic_image_size or --dynamic_dims)");
  if (m.gear_kind != kind)
    return Status(StatusCode::kModelNotDynamic,
                  which + " has " + KindName(m.gear_kind) + " gears (" + gears->List() + "); " +
                      setter + " sets " + KindName(kind) + " gears (use " +
                      SetterFor(m.gear_kind) + ")");
  const size_t gear_index = m.inputs.size() - 1;
  if (index != gear_index)
    return openacl::InvalidParam("index " + std::to_string(index) + " is not the " +
                                 openacl::kGearInputName + " input of " + which + " (index " +
                                 std::to_string(gear_index) + ")");
  if (index >= dataset->buffers.size())
    return openacl::InvalidParam(
        "the dataset has no buffer at index " + std::to_string(index) + " (add the " +
        openacl::kGearInputName + " buffer, aclmdlGetInputSizeByIndex bytes, with "
        "aclmdlAddDatasetBuffer first)");
  aclDataBuffer* buffer = dataset->buffers[index];
  RETURN_IF_ERROR(capi::DataBufferRegistry().Check(buffer, "dataset buffer", "aclDataBuffer"));
  const size_t k = m.gear_values[0].size();
  if (buffer->data == nullptr || buffer->size < k * sizeof(int32_t))
    return openacl::InvalidParam(std::string("the ") + openacl::kGearInputName + " buffer has " +
                                 std::to_string(buffer->size) + " bytes, it needs " +
                                 std::to_string(k * sizeof(int32_t)));
  if (!openacl::device::MemoryRegistry::Global().IsDeviceRange(buffer->data, buffer->size))
    return openacl::InvalidParam(std::string("the ") + openacl::kGearInputName +
                                 " buffer is not device memory (allocate it with aclrtMalloc)");
  auto gear = find(*gears);
  if (!gear.ok()) return gear.status().WithContext(which);
  // int32 values, or int64 when the buffer has room for them (as GE writes them).
  const std::vector<int64_t>& values = m.gear_values[*gear];
  const bool wide = buffer->size >= k * sizeof(uint64_t);
  auto* out = static_cast<uint8_t*>(buffer->data);
  for (size_t i = 0; i < k; ++i) {
    if (wide) {
      uint64_t v = static_cast<uint64_t>(values[i]);
      std::memcpy(out + i * sizeof(v), &v, sizeof(v));
    } else {
      uint32_t v = static_cast<uint32_t>(values[i]);
      std::memcpy(out + i * sizeof(v), &v, sizeof(v));
    }
  }
  dataset->gear_set = true;
  gears->set_current(*gear);
  return Status::Ok();
}

Status FillIODims(const std::string& name, const Shape& shape, aclmdlIODims* dims) {
  CHECK_OR_RETURN(dims != nullptr, kInvalidParam, "dims is null");
  CHECK_OR_RETURN(shape.size() <= ACL_MAX_DIM_CNT, kInvalidParam, "too many dims");
  std::memset(dims, 0, sizeof(*dims));
  std::strncpy(dims->name, name.c_str(), ACL_MAX_TENSOR_NAME_LEN - 1);
  dims->dimCount = shape.size();
  for (size_t i = 0; i < shape.size(); ++i) dims->dims[i] = shape[i];
  return Status::Ok();
}

}  // namespace

namespace openacl::capi {

Status CheckGearSet(const engine::LoadedModel& model, const aclmdlDataset* input) {
  const engine::GearSet* gears = model.gears();
  if (!gears || !DatasetRegistry().Check(input, "", "").ok() || input->gear_set)
    return Status::Ok();
  const GearKind kind = model.model().gear_kind;
  return Status(StatusCode::kShapeInvalid,
                std::string("the model has ") + KindName(kind) + " gears (" + gears->List() +
                    ") and no gear was set on the input dataset: call " + SetterFor(kind) +
                    " with the " + kGearInputName + " index (" +
                    std::to_string(model.model().inputs.size() - 1) + ") before executing");
}

}  // namespace openacl::capi

aclError aclmdlGetDynamicBatch(const aclmdlDesc* modelDesc, aclmdlBatch* batch) {
  return capi::Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(CheckDesc(modelDesc));
    CHECK_OR_RETURN(batch != nullptr, kInvalidParam, "batch is null");
    std::memset(batch, 0, sizeof(*batch));
    if (modelDesc->gear_kind != GearKind::kBatch) return Status::Ok();  // batchCount 0
    CHECK_OR_RETURN(modelDesc->gear_values.size() <= ACL_MAX_BATCH_NUM, kInvalidParam,
                    "too many gears");
    batch->batchCount = modelDesc->gear_values.size();
    for (size_t g = 0; g < batch->batchCount; ++g)
      batch->batch[g] = static_cast<uint64_t>(modelDesc->gear_values[g][0]);
    return Status::Ok();
  });
}

aclError aclmdlGetDynamicHW(const aclmdlDesc* modelDesc, size_t index, aclmdlHW* hw) {
  return capi::Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(CheckDesc(modelDesc));
    CHECK_OR_RETURN(hw != nullptr, kInvalidParam, "hw is null");
    std::memset(hw, 0, sizeof(*hw));
    if (modelDesc->gear_kind != GearKind::kImageSize) return Status::Ok();  // hwCount 0
    CHECK_OR_RETURN(modelDesc->gear_values.size() <= ACL_MAX_HW_NUM, kInvalidParam,
                    "too many gears");
    hw->hwCount = modelDesc->gear_values.size();
    for (size_t g = 0; g < hw->hwCount; ++g) {
      hw->hw[g][0] = static_cast<uint64_t>(modelDesc->gear_values[g][0]);
      hw->hw[g][1] = static_cast<uint64_t>(modelDesc->gear_values[g][1]);
    }
    return Status::Ok();
  });
}

aclError aclmdlGetInputDynamicGearCount(const aclmdlDesc* modelDesc, size_t index,
                                        size_t* gearCount) {
  return capi::Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(CheckDesc(modelDesc));
    CHECK_OR_RETURN(gearCount != nullptr, kInvalidParam, "gearCount is null");
    *gearCount = modelDesc->gear_values.size();
    return Status::Ok();
  });
}

aclError aclmdlGetInputDynamicDims(const aclmdlDesc* modelDesc, size_t index, aclmdlIODims* dims,
                                   size_t gearCount) {
  return capi::Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(CheckDesc(modelDesc));
    CHECK_OR_RETURN(dims != nullptr, kInvalidParam, "dims is null");
    const size_t n = modelDesc->gear_input_shapes.size();
    CHECK_OR_RETURN(gearCount == n, kInvalidParam,
                    "gearCount " + std::to_string(gearCount) + " but the model has " +
                        std::to_string(n) + " gears (aclmdlGetInputDynamicGearCount)");
    for (size_t g = 0; g < n; ++g)
      RETURN_IF_ERROR(FillIODims("", Concatenated(modelDesc->gear_input_shapes[g]), &dims[g])
                          .WithContext("gear " + std::to_string(g)));
    return Status::Ok();
  });
}

aclError aclmdlGetCurOutputDims(const aclmdlDesc* modelDesc, size_t index, aclmdlIODims* dims) {
  return capi::Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(CheckDesc(modelDesc));
    CHECK_OR_RETURN(index < modelDesc->outputs.size(), kInvalidParam,
                    "output index " + std::to_string(index) + " out of range (model has " +
                        std::to_string(modelDesc->outputs.size()) + ")");
    const openacl::IODesc& out = modelDesc->outputs[index];
    Shape shape = out.shape;  // static model, or no gear chosen yet: the largest gear
    if (modelDesc->gear_kind != GearKind::kNone && modelDesc->model_id != 0) {
      auto model = capi::FindModel(modelDesc->model_id);
      const engine::GearSet* gears = model.ok() ? (*model)->gears() : nullptr;
      const int g = gears ? gears->current() : -1;
      if (g >= 0 && static_cast<size_t>(g) < modelDesc->gear_output_shapes.size())
        shape = modelDesc->gear_output_shapes[g][index];
    }
    return FillIODims(out.name.size() < ACL_MAX_TENSOR_NAME_LEN ? out.name : std::string(), shape,
                      dims);
  });
}

aclError aclmdlSetDynamicBatchSize(uint32_t modelId, aclmdlDataset* dataset, size_t index,
                                   uint64_t batchSize) {
  return capi::Guard(__func__, [&]() {
    return SetGear("aclmdlSetDynamicBatchSize", GearKind::kBatch, modelId, dataset, index,
                   [&](engine::GearSet& gears) {
                     return gears.Find({static_cast<int64_t>(batchSize)});
                   });
  });
}

aclError aclmdlSetDynamicHWSize(uint32_t modelId, aclmdlDataset* dataset, size_t index,
                                uint64_t height, uint64_t width) {
  return capi::Guard(__func__, [&]() {
    return SetGear("aclmdlSetDynamicHWSize", GearKind::kImageSize, modelId, dataset, index,
                   [&](engine::GearSet& gears) {
                     return gears.Find(
                         {static_cast<int64_t>(height), static_cast<int64_t>(width)});
                   });
  });
}

aclError aclmdlSetInputDynamicDims(uint32_t modelId, aclmdlDataset* dataset, size_t index,
                                   const aclmdlIODims* dims) {
  return capi::Guard(__func__, [&]() -> Status {
    CHECK_OR_RETURN(dims != nullptr, kInvalidParam, "dims is null");
    CHECK_OR_RETURN(dims->dimCount <= ACL_MAX_DIM_CNT, kInvalidParam,
                    "dims.dimCount " + std::to_string(dims->dimCount) + " exceeds " +
                        std::to_string(ACL_MAX_DIM_CNT));
    const std::vector<int64_t> given(dims->dims, dims->dims + dims->dimCount);
    return SetGear("aclmdlSetInputDynamicDims", GearKind::kDims, modelId, dataset, index,
                   [&](engine::GearSet& gears) -> Result<size_t> {
                     // The concatenated full shapes of every input (AscendCL's form); the
                     // gear's values alone are accepted too.
                     std::string listed;
                     for (size_t g = 0; g < gears.num_gears(); ++g) {
                       std::vector<Shape> shapes;
                       for (const auto& d : gears.plan(g).inputs) shapes.push_back(d.shape);
                       std::vector<int64_t> all = Concatenated(shapes);
                       if (all == given) return g;
                       listed += (g ? "; " : "") + openacl::ShapeToString(all);
                     }
                     auto by_values = gears.Find(given);
                     if (by_values.ok()) return by_values;
                     return Status(StatusCode::kShapeInvalid,
                                   "dims " + openacl::ShapeToString(given) +
                                       " are not one of the model's gears (the inputs' shapes "
                                       "concatenated: " + listed + ")");
                   });
  });
}
