// aclmdlLoad*, aclmdlUnload, aclmdlQuerySize*, and the load-config handle.
#include "acl/acl_mdl.h"
#include "capi/enum_arg.h"
#include "capi/model_registry.h"
#include "format/om_reader.h"
#include "device/memory_registry.h"

using openacl::engine::ModelMemory;
using openacl::Status;
using openacl::StatusCode;
namespace capi = openacl::capi;

namespace {

Status CheckCallerMemory(const ModelMemory& mem) {
  auto& reg = openacl::device::MemoryRegistry::Global();
  if (mem.work && !reg.IsDeviceRange(mem.work, mem.work_size))
    return openacl::InvalidParam("workPtr " + openacl::device::PtrString(mem.work) + " (" +
                                 std::to_string(mem.work_size) +
                                 " bytes) is not device memory from aclrtMalloc");
  if (mem.weight && !reg.IsDeviceRange(mem.weight, mem.weight_size))
    return openacl::InvalidParam("weightPtr " + openacl::device::PtrString(mem.weight) + " (" +
                                 std::to_string(mem.weight_size) +
                                 " bytes) is not device memory from aclrtMalloc");
  return Status::Ok();
}

aclError LoadFile(const char* api, const char* path, uint32_t* modelId, const ModelMemory& mem) {
  return capi::Guard(api, [&]() -> Status {
    RETURN_IF_ERROR(capi::RequireInit(api));
    CHECK_OR_RETURN(path != nullptr, kInvalidParam, "modelPath is null");
    CHECK_OR_RETURN(modelId != nullptr, kInvalidParam, "modelId is null");
    RETURN_IF_ERROR(CheckCallerMemory(mem));
    ASSIGN_OR_RETURN(auto model, capi::LoadModelFile(path, mem));
    *modelId = capi::AddModel(std::move(model));
    return Status::Ok();
  });
}

aclError LoadMem(const char* api, const void* data, size_t size, uint32_t* modelId,
                 const ModelMemory& mem) {
  return capi::Guard(api, [&]() -> Status {
    RETURN_IF_ERROR(capi::RequireInit(api));
    CHECK_OR_RETURN(data != nullptr, kInvalidParam, "model pointer is null");
    CHECK_OR_RETURN(size > 0, kInvalidParam, "modelSize is 0");
    CHECK_OR_RETURN(modelId != nullptr, kInvalidParam, "modelId is null");
    RETURN_IF_ERROR(CheckCallerMemory(mem));
    ASSIGN_OR_RETURN(auto model, capi::LoadModelMemory(data, size, mem));
    *modelId = capi::AddModel(std::move(model));
    return Status::Ok();
  });
}

Status QuerySizes(const openacl::Result<openacl::CompiledModel>& model, size_t* work,
                  size_t* weight) {
  if (!model.ok()) return model.status();
  *work = model->arena_size;
  *weight = model->weight_size;
  return Status::Ok();
}

}  // namespace

aclError aclmdlLoadFromFile(const char* modelPath, uint32_t* modelId) {
  return LoadFile(__func__, modelPath, modelId, ModelMemory());
}

aclError aclmdlLoadFromMem(const void* model, size_t modelSize, uint32_t* modelId) {
  return LoadMem(__func__, model, modelSize, modelId, ModelMemory());
}

aclError aclmdlLoadFromFileWithMem(const char* modelPath, uint32_t* modelId, void* workPtr,
                                   size_t workSize, void* weightPtr, size_t weightSize) {
  return LoadFile(__func__, modelPath, modelId, {workPtr, workSize, weightPtr, weightSize});
}

aclError aclmdlLoadFromMemWithMem(const void* model, size_t modelSize, uint32_t* modelId,
                                  void* workPtr, size_t workSize, void* weightPtr,
                                  size_t weightSize) {
  return LoadMem(__func__, model, modelSize, modelId, {workPtr, workSize, weightPtr, weightSize});
}

aclError aclmdlUnload(uint32_t modelId) {
  return capi::Guard(__func__, [&]() -> Status { return capi::RemoveModel(modelId); });
}

aclError aclmdlQuerySize(const char* fileName, size_t* workSize, size_t* weightSize) {
  return capi::Guard(__func__, [&]() -> Status {
    CHECK_OR_RETURN(fileName != nullptr, kInvalidParam, "fileName is null");
    CHECK_OR_RETURN(workSize && weightSize, kInvalidParam, "workSize or weightSize is null");
    std::string path(fileName);
    if (path.size() < 5 || path.compare(path.size() - 5, 5, ".onnx") != 0) {
      ASSIGN_OR_RETURN(openacl::OmSummary s, openacl::PeekOm(path));
      *workSize = s.arena_size;
      *weightSize = s.weight_size;
      return Status::Ok();
    }
    return QuerySizes(capi::ReadModelFile(fileName), workSize, weightSize);
  });
}

aclError aclmdlQuerySizeFromMem(const void* model, size_t modelSize, size_t* workSize,
                                size_t* weightSize) {
  return capi::Guard(__func__, [&]() -> Status {
    CHECK_OR_RETURN(model != nullptr && modelSize > 0, kInvalidParam, "model is null or empty");
    CHECK_OR_RETURN(workSize && weightSize, kInvalidParam, "workSize or weightSize is null");
    return QuerySizes(capi::ReadModelMemory(model, modelSize), workSize, weightSize);
  });
}

aclmdlConfigHandle* aclmdlCreateConfigHandle(void) {
  return capi::GuardValue(__func__, static_cast<aclmdlConfigHandle*>(nullptr),
                          []() -> openacl::Result<aclmdlConfigHandle*> {
                            return capi::ConfigHandleRegistry().Add(new aclmdlConfigHandle());
                          });
}

aclError aclmdlDestroyConfigHandle(aclmdlConfigHandle* handle) {
  return capi::Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(capi::ConfigHandleRegistry().Check(handle, "handle", "aclmdlConfigHandle"));
    capi::ConfigHandleRegistry().Destroy(handle);
    return Status::Ok();
  });
}

aclError aclmdlSetConfigOpt(aclmdlConfigHandle* handle, aclmdlConfigAttr attrArg,
                            const void* attrValue, size_t valueSize) {
  return capi::Guard(__func__, [&]() -> Status {
    const int32_t attr = capi::EnumArg(attrArg);
    RETURN_IF_ERROR(capi::ConfigHandleRegistry().Check(handle, "handle", "aclmdlConfigHandle"));
    CHECK_OR_RETURN(attrValue != nullptr, kInvalidParam, "attrValue is null");
    auto read_size = [&](size_t* out) -> Status {
      CHECK_OR_RETURN(valueSize == sizeof(size_t), kInvalidParam,
                      "valueSize must be sizeof(size_t) for attr " + std::to_string(attr));
      *out = *static_cast<const size_t*>(attrValue);
      return Status::Ok();
    };
    auto read_ptr = [&](const void** out) -> Status {
      CHECK_OR_RETURN(valueSize == sizeof(void*), kInvalidParam,
                      "valueSize must be sizeof(void*) for attr " + std::to_string(attr));
      *out = *static_cast<void* const*>(attrValue);
      return Status::Ok();
    };
    const void* p = nullptr;
    switch (attr) {
      case ACL_MDL_PRIORITY_INT32:
        CHECK_OR_RETURN(valueSize == sizeof(int32_t), kInvalidParam, "priority needs int32_t");
        handle->priority = *static_cast<const int32_t*>(attrValue);
        return Status::Ok();
      case ACL_MDL_LOAD_TYPE_SIZET: return read_size(&handle->load_type);
      case ACL_MDL_PATH_PTR:
        RETURN_IF_ERROR(read_ptr(&p));
        CHECK_OR_RETURN(p != nullptr, kInvalidParam, "path is null");
        handle->path = static_cast<const char*>(p);
        return Status::Ok();
      case ACL_MDL_MEM_ADDR_PTR: return read_ptr(&handle->mem);
      case ACL_MDL_MEM_SIZET: return read_size(&handle->mem_size);
      case ACL_MDL_WEIGHT_ADDR_PTR:
        RETURN_IF_ERROR(read_ptr(&p));
        handle->weight = const_cast<void*>(p);
        return Status::Ok();
      case ACL_MDL_WEIGHT_SIZET: return read_size(&handle->weight_size);
      case ACL_MDL_WORKSPACE_ADDR_PTR:
        RETURN_IF_ERROR(read_ptr(&p));
        handle->work = const_cast<void*>(p);
        return Status::Ok();
      case ACL_MDL_WORKSPACE_SIZET: return read_size(&handle->work_size);
      default:
        return Status(StatusCode::kFeatureUnsupported,
                      "model config attr " + std::to_string(attr) + " is not supported");
    }
  });
}

aclError aclmdlLoadWithConfig(const aclmdlConfigHandle* handle, uint32_t* modelId) {
  aclError check = capi::Guard(__func__, [&]() -> Status {
    return capi::ConfigHandleRegistry().Check(handle, "handle", "aclmdlConfigHandle");
  });
  if (check != ACL_SUCCESS) return check;
  ModelMemory mem{handle->work, handle->work_size, handle->weight, handle->weight_size};
  switch (handle->load_type) {
    case ACL_MDL_LOAD_FROM_FILE:
      return LoadFile(__func__, handle->path.c_str(), modelId, ModelMemory());
    case ACL_MDL_LOAD_FROM_FILE_WITH_MEM:
      return LoadFile(__func__, handle->path.c_str(), modelId, mem);
    case ACL_MDL_LOAD_FROM_MEM:
      return LoadMem(__func__, handle->mem, handle->mem_size, modelId, ModelMemory());
    case ACL_MDL_LOAD_FROM_MEM_WITH_MEM:
      return LoadMem(__func__, handle->mem, handle->mem_size, modelId, mem);
    default:
      return capi::Guard(__func__, [&]() -> Status {
        return Status(StatusCode::kInvalidParam,
                      "load type " + std::to_string(handle->load_type) +
                          " is not supported (ACL_MDL_LOAD_FROM_FILE/_WITH_MEM/MEM/MEM_WITH_MEM)");
      });
  }
}
