// aclmdlExecute / aclmdlExecuteAsync (+V2 forms with an exec config handle). The gear setters
// are in model_gears.cc.
#include <array>
#include <vector>

#include "acl/acl_mdl.h"
#include "capi/data_buffer.h"
#include "capi/enum_arg.h"
#include "capi/model_registry.h"
#include "capi/stream_access.h"
#include "capi/tensor_desc.h"
#include "device/memory_registry.h"

using openacl::Result;
using openacl::Status;
using openacl::StatusCode;
namespace capi = openacl::capi;

namespace {

constexpr size_t kInlineIo = 32;

// Pointers and sizes of one side of an execution, without heap allocation for <= 32 buffers.
struct IoList {
  std::array<void*, kInlineIo> inline_ptrs;
  std::array<size_t, kInlineIo> inline_sizes;
  std::vector<void*> heap_ptrs;
  std::vector<size_t> heap_sizes;
  void** ptrs = nullptr;
  size_t* sizes = nullptr;
  size_t count = 0;
};

// Checks a dataset against the model's descriptions: count, live buffers, sizes, device memory.
Status Collect(const aclmdlDataset* ds, const std::vector<openacl::IODesc>& descs, bool input,
               IoList* out) {
  const char* side = input ? "input" : "output";
  RETURN_IF_ERROR(capi::DatasetRegistry().Check(ds, input ? "input dataset" : "output dataset",
                                                "aclmdlDataset"));
  size_t n = ds->buffers.size();
  if (n != descs.size())
    return Status(StatusCode::kInvalidParam,
                  std::string(side) + " dataset has " + std::to_string(n) +
                      " buffers, the model has " + std::to_string(descs.size()) + " " + side +
                      "s");
  if (n <= kInlineIo) {
    out->ptrs = out->inline_ptrs.data();
    out->sizes = out->inline_sizes.data();
  } else {
    out->heap_ptrs.resize(n);
    out->heap_sizes.resize(n);
    out->ptrs = out->heap_ptrs.data();
    out->sizes = out->heap_sizes.data();
  }
  out->count = n;
  const auto& mem = openacl::device::MemoryRegistry::Global();
  for (size_t i = 0; i < n; ++i) {
    const aclDataBuffer* b = ds->buffers[i];
    RETURN_IF_ERROR(capi::DataBufferRegistry().Check(b, side, "aclDataBuffer"));
    const openacl::IODesc& d = descs[i];
    if (b->size < d.nbytes)
      return Status(StatusCode::kInvalidParam,
                    std::string(side) + " " + std::to_string(i) + " ('" + d.name +
                        "'): buffer has " + std::to_string(b->size) + " bytes, the model needs " +
                        std::to_string(d.nbytes));
    // Outputs sized only at run time (nbytes 0) are checked over the whole buffer.
    size_t checked = d.nbytes > 0 ? d.nbytes : b->size;
    if (checked > 0 && (b->data == nullptr || !mem.IsDeviceRange(b->data, checked)))
      return Status(StatusCode::kInvalidParam,
                    std::string(side) + " " + std::to_string(i) + " ('" + d.name + "'): address " +
                        openacl::device::PtrString(b->data) +
                        " is not device memory (allocate it with aclrtMalloc and copy host data "
                        "in with aclrtMemcpy)");
    out->ptrs[i] = b->data;
    out->sizes[i] = b->size;
  }
  return Status::Ok();
}

// A data-dependent-shape model reports each output's shape of this run through the output
// dataset's tensor descs (aclmdlGetDatasetTensorDesc): a desc the app set is updated, otherwise
// the dataset gets one of its own.
void ReportOutputShapes(const openacl::engine::LoadedModel& model, aclmdlDataset* output,
                        const std::vector<openacl::Shape>& shapes) {
  if (!model.reports_output_shapes() || !capi::DatasetRegistry().Check(output, "", "").ok())
    return;
  for (size_t i = 0; i < shapes.size() && i < output->descs.size(); ++i) {
    aclTensorDesc* d = output->descs[i];
    if (!d) {
      d = capi::TensorDescRegistry().Add(new aclTensorDesc());
      output->owned_descs.push_back(d);
      output->descs[i] = d;
    }
    d->dtype = capi::ToAclDataType(model.model().outputs[i].dtype);
    d->format = ACL_FORMAT_ND;
    d->dims = shapes[i];
  }
}

Status ExecuteSync(uint32_t modelId, const aclmdlDataset* input, aclmdlDataset* output) {
  ASSIGN_OR_RETURN(auto model, capi::FindModel(modelId));
  IoList in, out;
  RETURN_IF_ERROR(Collect(input, model->model().inputs, true, &in));
  RETURN_IF_ERROR(Collect(output, model->model().outputs, false, &out));
  // Only a data-dependent model has shapes to report; a static one allocates nothing here.
  std::vector<openacl::Shape> shapes;
  std::vector<openacl::Shape>* report = model->reports_output_shapes() ? &shapes : nullptr;
  RETURN_IF_ERROR(capi::CheckGearSet(*model, input));
  Status st = model->Execute(in.ptrs, in.sizes, in.count, out.ptrs, out.sizes, out.count, report);
  if (st.ok()) ReportOutputShapes(*model, output, shapes);
  return st.WithContext("model id " + std::to_string(modelId));
}

Status ExecuteAsync(uint32_t modelId, const aclmdlDataset* input, aclmdlDataset* output,
                    aclrtStream stream) {
  ASSIGN_OR_RETURN(auto model, capi::FindModel(modelId));
  IoList in, out;
  RETURN_IF_ERROR(Collect(input, model->model().inputs, true, &in));
  RETURN_IF_ERROR(Collect(output, model->model().outputs, false, &out));
  RETURN_IF_ERROR(capi::CheckGearSet(*model, input));
  // The task owns copies of the pointers and a reference to the model, so unloading the model
  // or destroying the datasets while the task is queued is safe.
  std::vector<void*> in_ptrs(in.ptrs, in.ptrs + in.count), out_ptrs(out.ptrs, out.ptrs + out.count);
  std::vector<size_t> in_sizes(in.sizes, in.sizes + in.count),
      out_sizes(out.sizes, out.sizes + out.count);
  return openacl::EnqueueOnStream(stream, [=]() -> Status {
    std::vector<openacl::Shape> shapes;
    std::vector<openacl::Shape>* report = model->reports_output_shapes() ? &shapes : nullptr;
    Status st = model->Execute(in_ptrs.data(), in_sizes.data(), in_ptrs.size(), out_ptrs.data(),
                               out_sizes.data(), out_ptrs.size(), report);
    if (st.ok()) ReportOutputShapes(*model, output, shapes);
    return st.WithContext("aclmdlExecuteAsync of model id " + std::to_string(modelId));
  });
}

Status CheckExecConfig(const aclmdlExecConfigHandle* handle) {
  if (handle == nullptr) return Status::Ok();
  return capi::ExecConfigRegistry().Check(handle, "handle", "aclmdlExecConfigHandle");
}

}  // namespace

aclError aclmdlExecute(uint32_t modelId, const aclmdlDataset* input, aclmdlDataset* output) {
  return capi::Guard(__func__, [&]() { return ExecuteSync(modelId, input, output); });
}

aclError aclmdlExecuteAsync(uint32_t modelId, const aclmdlDataset* input, aclmdlDataset* output,
                            aclrtStream stream) {
  return capi::Guard(__func__, [&]() { return ExecuteAsync(modelId, input, output, stream); });
}

aclError aclmdlExecuteV2(uint32_t modelId, const aclmdlDataset* input, aclmdlDataset* output,
                         aclrtStream stream, const aclmdlExecConfigHandle* handle) {
  return capi::Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(CheckExecConfig(handle));
    return ExecuteSync(modelId, input, output);
  });
}

aclError aclmdlExecuteAsyncV2(uint32_t modelId, const aclmdlDataset* input, aclmdlDataset* output,
                              aclrtStream stream, const aclmdlExecConfigHandle* handle) {
  return capi::Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(CheckExecConfig(handle));
    return ExecuteAsync(modelId, input, output, stream);
  });
}

aclmdlExecConfigHandle* aclmdlCreateExecConfigHandle(void) {
  return capi::GuardValue(__func__, static_cast<aclmdlExecConfigHandle*>(nullptr),
                          []() -> Result<aclmdlExecConfigHandle*> {
                            return capi::ExecConfigRegistry().Add(new aclmdlExecConfigHandle());
                          });
}

aclError aclmdlDestroyExecConfigHandle(const aclmdlExecConfigHandle* handle) {
  return capi::Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(capi::ExecConfigRegistry().Check(handle, "handle", "aclmdlExecConfigHandle"));
    capi::ExecConfigRegistry().Destroy(handle);
    return Status::Ok();
  });
}

aclError aclmdlSetExecConfigOpt(aclmdlExecConfigHandle* handle, aclmdlExecConfigAttr attr,
                                const void* attrValue, size_t valueSize) {
  return capi::Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(capi::ExecConfigRegistry().Check(handle, "handle", "aclmdlExecConfigHandle"));
    CHECK_OR_RETURN(attrValue != nullptr, kInvalidParam, "attrValue is null");
    CHECK_OR_RETURN(valueSize == sizeof(int32_t) || valueSize == sizeof(int64_t), kInvalidParam,
                    "valueSize " + std::to_string(valueSize) + " is not an integer size");
    int64_t v = valueSize == sizeof(int32_t) ? *static_cast<const int32_t*>(attrValue)
                                             : *static_cast<const int64_t*>(attrValue);
    const int32_t attr_value = capi::EnumArg(attr);
    if (attr_value == ACL_MDL_STREAM_SYNC_TIMEOUT) handle->stream_sync_timeout = v;
    else if (attr_value == ACL_MDL_EVENT_SYNC_TIMEOUT) handle->event_sync_timeout = v;
    else
      return Status(StatusCode::kFeatureUnsupported,
                    "exec config attr " + std::to_string(attr_value) + " is not supported");
    return Status::Ok();
  });
}
