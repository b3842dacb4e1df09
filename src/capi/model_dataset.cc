// aclmdlDataset: an ordered list of aclDataBuffer (not owned) plus optional tensor descs.
#include "acl/acl_mdl.h"
#include "capi/data_buffer.h"
#include "capi/model_registry.h"
#include "capi/tensor_desc.h"

using openacl::Result;
using openacl::Status;
namespace capi = openacl::capi;

aclmdlDataset* aclmdlCreateDataset(void) {
  return capi::GuardValue(__func__, static_cast<aclmdlDataset*>(nullptr),
                          []() -> Result<aclmdlDataset*> {
                            return capi::DatasetRegistry().Add(new aclmdlDataset());
                          });
}

aclError aclmdlDestroyDataset(const aclmdlDataset* dataset) {
  return capi::Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(capi::DatasetRegistry().Check(dataset, "dataset", "aclmdlDataset"));
    for (aclTensorDesc* d : dataset->owned_descs) capi::TensorDescRegistry().Destroy(d);
    capi::DatasetRegistry().Destroy(dataset);
    return Status::Ok();
  });
}

aclError aclmdlAddDatasetBuffer(aclmdlDataset* dataset, aclDataBuffer* dataBuffer) {
  return capi::Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(capi::DatasetRegistry().Check(dataset, "dataset", "aclmdlDataset"));
    RETURN_IF_ERROR(capi::DataBufferRegistry().Check(dataBuffer, "dataBuffer", "aclDataBuffer"));
    dataset->buffers.push_back(dataBuffer);
    dataset->descs.push_back(nullptr);
    return Status::Ok();
  });
}

size_t aclmdlGetDatasetNumBuffers(const aclmdlDataset* dataset) {
  return capi::GuardValue(__func__, size_t{0}, [&]() -> Result<size_t> {
    RETURN_IF_ERROR(capi::DatasetRegistry().Check(dataset, "dataset", "aclmdlDataset"));
    return dataset->buffers.size();
  });
}

aclDataBuffer* aclmdlGetDatasetBuffer(const aclmdlDataset* dataset, size_t index) {
  return capi::GuardValue(__func__, static_cast<aclDataBuffer*>(nullptr),
                          [&]() -> Result<aclDataBuffer*> {
    RETURN_IF_ERROR(capi::DatasetRegistry().Check(dataset, "dataset", "aclmdlDataset"));
    CHECK_OR_RETURN(index < dataset->buffers.size(), kInvalidParam,
                    "index " + std::to_string(index) + " out of range (dataset has " +
                        std::to_string(dataset->buffers.size()) + " buffers)");
    return dataset->buffers[index];
  });
}

aclError aclmdlSetDatasetTensorDesc(aclmdlDataset* dataset, aclTensorDesc* tensorDesc,
                                    size_t index) {
  return capi::Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(capi::DatasetRegistry().Check(dataset, "dataset", "aclmdlDataset"));
    RETURN_IF_ERROR(capi::TensorDescRegistry().Check(tensorDesc, "tensorDesc", "aclTensorDesc"));
    CHECK_OR_RETURN(index < dataset->buffers.size(), kInvalidParam,
                    "index " + std::to_string(index) + " out of range (dataset has " +
                        std::to_string(dataset->buffers.size()) + " buffers)");
    dataset->descs[index] = tensorDesc;
    return Status::Ok();
  });
}

aclTensorDesc* aclmdlGetDatasetTensorDesc(const aclmdlDataset* dataset, size_t index) {
  return capi::GuardValue(__func__, static_cast<aclTensorDesc*>(nullptr),
                          [&]() -> Result<aclTensorDesc*> {
    RETURN_IF_ERROR(capi::DatasetRegistry().Check(dataset, "dataset", "aclmdlDataset"));
    CHECK_OR_RETURN(index < dataset->descs.size(), kInvalidParam,
                    "index " + std::to_string(index) + " out of range (dataset has " +
                        std::to_string(dataset->descs.size()) + " buffers)");
    return dataset->descs[index];
  });
}
