// aclmdlDesc: the description of a loaded model's inputs and outputs (the gear queries are in
// model_gears.cc).
#include <cstring>

#include "acl/acl_mdl.h"
#include "capi/model_registry.h"
#include "capi/tensor_desc.h"

using openacl::IODesc;
using openacl::Result;
using openacl::Status;
namespace capi = openacl::capi;

namespace {

Status FillDesc(aclmdlDesc* desc, const openacl::CompiledModel& model, uint32_t id) {
  desc->model_id = id;
  desc->inputs = model.inputs;
  desc->outputs = model.outputs;
  desc->gear_kind = model.gear_kind;
  desc->gear_values = model.gear_values;
  desc->gear_input_shapes.clear();
  desc->gear_output_shapes.clear();
  for (const openacl::CompiledModel& gear : model.gears) {
    desc->gear_input_shapes.emplace_back();
    for (const IODesc& d : gear.inputs) desc->gear_input_shapes.back().push_back(d.shape);
    desc->gear_output_shapes.emplace_back();
    for (const IODesc& d : gear.outputs) desc->gear_output_shapes.back().push_back(d.shape);
  }
  desc->filled = true;
  return Status::Ok();
}

// Checks the desc and index; `side` is "input" or "output".
Result<const IODesc*> Io(const aclmdlDesc* desc, size_t index, bool input) {
  RETURN_IF_ERROR(capi::ModelDescRegistry().Check(desc, "modelDesc", "aclmdlDesc"));
  const auto& list = input ? desc->inputs : desc->outputs;
  if (!desc->filled)
    return openacl::InvalidParam("modelDesc was not filled (call aclmdlGetDesc first)");
  if (index >= list.size())
    return openacl::InvalidParam(std::string(input ? "input" : "output") + " index " +
                                 std::to_string(index) + " out of range (model has " +
                                 std::to_string(list.size()) + ")");
  return &list[index];
}

std::string ShownName(const aclmdlDesc* desc, const IODesc& io, size_t index, bool input) {
  if (io.name.size() < ACL_MAX_TENSOR_NAME_LEN) return io.name;
  return "acl_modelId_" + std::to_string(desc->model_id) + (input ? "_input_" : "_output_") +
         std::to_string(index) + "_0";
}

aclError Dims(const char* api, const aclmdlDesc* desc, size_t index, aclmdlIODims* dims,
              bool input) {
  return capi::Guard(api, [&]() -> Status {
    ASSIGN_OR_RETURN(const IODesc* io, Io(desc, index, input));
    CHECK_OR_RETURN(dims != nullptr, kInvalidParam, "dims is null");
    CHECK_OR_RETURN(io->shape.size() <= ACL_MAX_DIM_CNT, kInvalidParam, "too many dims");
    std::memset(dims, 0, sizeof(*dims));
    std::string name = ShownName(desc, *io, index, input);
    std::strncpy(dims->name, name.c_str(), ACL_MAX_TENSOR_NAME_LEN - 1);
    dims->dimCount = io->shape.size();
    for (size_t i = 0; i < io->shape.size(); ++i) dims->dims[i] = io->shape[i];
    return Status::Ok();
  });
}

template <typename T>
T DescValue(const char* api, const aclmdlDesc* desc, size_t index, bool input, T fallback,
            T (*get)(const aclmdlDesc*, const IODesc&, size_t, bool)) {
  return capi::GuardValue(api, fallback, [&]() -> Result<T> {
    ASSIGN_OR_RETURN(const IODesc* io, Io(desc, index, input));
    return get(desc, *io, index, input);
  });
}

aclError IndexByName(const char* api, const aclmdlDesc* desc, const char* name, size_t* index,
                     bool input) {
  return capi::Guard(api, [&]() -> Status {
    RETURN_IF_ERROR(capi::ModelDescRegistry().Check(desc, "modelDesc", "aclmdlDesc"));
    CHECK_OR_RETURN(name != nullptr && index != nullptr, kInvalidParam, "name or index is null");
    const auto& list = input ? desc->inputs : desc->outputs;
    for (size_t i = 0; i < list.size(); ++i)
      if (list[i].name == name || ShownName(desc, list[i], i, input) == name) {
        *index = i;
        return Status::Ok();
      }
    return openacl::InvalidParam(std::string("the model has no ") + (input ? "input" : "output") +
                                 " named '" + name + "'");
  });
}

}  // namespace

aclmdlDesc* aclmdlCreateDesc(void) {
  return capi::GuardValue(__func__, static_cast<aclmdlDesc*>(nullptr),
                          []() -> Result<aclmdlDesc*> {
                            return capi::ModelDescRegistry().Add(new aclmdlDesc());
                          });
}

aclError aclmdlDestroyDesc(aclmdlDesc* modelDesc) {
  return capi::Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(capi::ModelDescRegistry().Check(modelDesc, "modelDesc", "aclmdlDesc"));
    capi::ModelDescRegistry().Destroy(modelDesc);
    return Status::Ok();
  });
}

aclError aclmdlGetDesc(aclmdlDesc* modelDesc, uint32_t modelId) {
  return capi::Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(capi::ModelDescRegistry().Check(modelDesc, "modelDesc", "aclmdlDesc"));
    ASSIGN_OR_RETURN(auto model, capi::FindModel(modelId));
    return FillDesc(modelDesc, model->model(), modelId);
  });
}

aclError aclmdlGetDescFromFile(aclmdlDesc* modelDesc, const char* modelPath) {
  return capi::Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(capi::ModelDescRegistry().Check(modelDesc, "modelDesc", "aclmdlDesc"));
    ASSIGN_OR_RETURN(openacl::CompiledModel model, capi::ReadModelFile(modelPath));
    return FillDesc(modelDesc, model, 0);
  });
}

aclError aclmdlGetDescFromMem(aclmdlDesc* modelDesc, const void* model, size_t modelSize) {
  return capi::Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(capi::ModelDescRegistry().Check(modelDesc, "modelDesc", "aclmdlDesc"));
    ASSIGN_OR_RETURN(openacl::CompiledModel m, capi::ReadModelMemory(model, modelSize));
    return FillDesc(modelDesc, m, 0);
  });
}

size_t aclmdlGetNumInputs(aclmdlDesc* modelDesc) {
  return capi::GuardValue(__func__, size_t{0}, [&]() -> Result<size_t> {
    RETURN_IF_ERROR(capi::ModelDescRegistry().Check(modelDesc, "modelDesc", "aclmdlDesc"));
    return modelDesc->inputs.size();
  });
}

size_t aclmdlGetNumOutputs(aclmdlDesc* modelDesc) {
  return capi::GuardValue(__func__, size_t{0}, [&]() -> Result<size_t> {
    RETURN_IF_ERROR(capi::ModelDescRegistry().Check(modelDesc, "modelDesc", "aclmdlDesc"));
    return modelDesc->outputs.size();
  });
}

size_t aclmdlGetInputSizeByIndex(aclmdlDesc* modelDesc, size_t index) {
  return DescValue<size_t>(__func__, modelDesc, index, true, 0,
                           [](const aclmdlDesc*, const IODesc& io, size_t, bool) {
                             return static_cast<size_t>(io.nbytes);
                           });
}

size_t aclmdlGetOutputSizeByIndex(aclmdlDesc* modelDesc, size_t index) {
  return DescValue<size_t>(__func__, modelDesc, index, false, 0,
                           [](const aclmdlDesc*, const IODesc& io, size_t, bool) {
                             return static_cast<size_t>(io.nbytes);
                           });
}

aclError aclmdlGetInputDims(const aclmdlDesc* modelDesc, size_t index, aclmdlIODims* dims) {
  return Dims(__func__, modelDesc, index, dims, true);
}

aclError aclmdlGetInputDimsV2(const aclmdlDesc* modelDesc, size_t index, aclmdlIODims* dims) {
  return Dims(__func__, modelDesc, index, dims, true);
}

aclError aclmdlGetOutputDims(const aclmdlDesc* modelDesc, size_t index, aclmdlIODims* dims) {
  return Dims(__func__, modelDesc, index, dims, false);
}


aclError aclmdlGetInputDimsRange(const aclmdlDesc* modelDesc, size_t index,
                                 aclmdlIODimsRange* dimsRange) {
  return capi::Guard(__func__, [&]() -> Status {
    ASSIGN_OR_RETURN(const IODesc* io, Io(modelDesc, index, true));
    CHECK_OR_RETURN(dimsRange != nullptr, kInvalidParam, "dimsRange is null");
    std::memset(dimsRange, 0, sizeof(*dimsRange));
    dimsRange->rangeCount = io->shape.size();
    for (size_t i = 0; i < io->shape.size() && i < ACL_MAX_DIM_CNT; ++i)
      dimsRange->range[i][0] = dimsRange->range[i][1] = io->shape[i];
    // A gear model's dynamic dims range over its gears.
    for (const auto& gear : modelDesc->gear_input_shapes)
      for (size_t i = 0; index < gear.size() && i < gear[index].size() && i < ACL_MAX_DIM_CNT; ++i)
        if (io->shape[i] < 0) {
          int64_t v = gear[index][i];
          int64_t* r = dimsRange->range[i];
          if (r[0] < 0 || v < r[0]) r[0] = v;
          if (r[1] < 0 || v > r[1]) r[1] = v;
        }
    return Status::Ok();
  });
}

const char* aclmdlGetInputNameByIndex(const aclmdlDesc* modelDesc, size_t index) {
  return capi::GuardValue(__func__, static_cast<const char*>(""), [&]() -> Result<const char*> {
    ASSIGN_OR_RETURN(const IODesc* io, Io(modelDesc, index, true));
    return io->name.c_str();
  });
}

const char* aclmdlGetOutputNameByIndex(const aclmdlDesc* modelDesc, size_t index) {
  return capi::GuardValue(__func__, static_cast<const char*>(""), [&]() -> Result<const char*> {
    ASSIGN_OR_RETURN(const IODesc* io, Io(modelDesc, index, false));
    return io->name.c_str();
  });
}

const char* aclmdlGetTensorRealName(const aclmdlDesc* modelDesc, const char* name) {
  return capi::GuardValue(__func__, static_cast<const char*>(nullptr),
                          [&]() -> Result<const char*> {
    RETURN_IF_ERROR(capi::ModelDescRegistry().Check(modelDesc, "modelDesc", "aclmdlDesc"));
    CHECK_OR_RETURN(name != nullptr, kInvalidParam, "name is null");
    for (int side = 0; side < 2; ++side) {
      const auto& list = side == 0 ? modelDesc->inputs : modelDesc->outputs;
      for (size_t i = 0; i < list.size(); ++i)
        if (list[i].name == name || ShownName(modelDesc, list[i], i, side == 0) == name)
          return list[i].name.c_str();
    }
    return openacl::InvalidParam(std::string("no tensor named '") + name + "'");
  });
}

aclFormat aclmdlGetInputFormat(const aclmdlDesc* modelDesc, size_t index) {
  return DescValue<aclFormat>(__func__, modelDesc, index, true, ACL_FORMAT_UNDEFINED,
                              [](const aclmdlDesc*, const IODesc& io, size_t, bool) {
                                return static_cast<aclFormat>(io.format);
                              });
}

aclFormat aclmdlGetOutputFormat(const aclmdlDesc* modelDesc, size_t index) {
  return DescValue<aclFormat>(__func__, modelDesc, index, false, ACL_FORMAT_UNDEFINED,
                              [](const aclmdlDesc*, const IODesc& io, size_t, bool) {
                                return static_cast<aclFormat>(io.format);
                              });
}

aclDataType aclmdlGetInputDataType(const aclmdlDesc* modelDesc, size_t index) {
  return DescValue<aclDataType>(__func__, modelDesc, index, true, ACL_DT_UNDEFINED,
                                [](const aclmdlDesc*, const IODesc& io, size_t, bool) {
                                  return capi::ToAclDataType(io.dtype);
                                });
}

aclDataType aclmdlGetOutputDataType(const aclmdlDesc* modelDesc, size_t index) {
  return DescValue<aclDataType>(__func__, modelDesc, index, false, ACL_DT_UNDEFINED,
                                [](const aclmdlDesc*, const IODesc& io, size_t, bool) {
                                  return capi::ToAclDataType(io.dtype);
                                });
}

aclError aclmdlGetInputIndexByName(const aclmdlDesc* modelDesc, const char* name, size_t* index) {
  return IndexByName(__func__, modelDesc, name, index, true);
}

aclError aclmdlGetOutputIndexByName(const aclmdlDesc* modelDesc, const char* name,
                                    size_t* index) {
  return IndexByName(__func__, modelDesc, name, index, false);
}

const char* aclmdlGetOpAttr(aclmdlDesc* modelDesc, const char* opName, const char* attr) {
  return capi::GuardValue(__func__, static_cast<const char*>(nullptr),
                          [&]() -> Result<const char*> {
    RETURN_IF_ERROR(capi::ModelDescRegistry().Check(modelDesc, "modelDesc", "aclmdlDesc"));
    return Status(openacl::StatusCode::kFeatureUnsupported,
                  "aclmdlGetOpAttr: op attributes are not exposed by openacl models");
  });
}
