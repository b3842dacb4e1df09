#include "capi/data_buffer.h"

#include <limits>

namespace openacl::capi {
LiveSet<aclDataBuffer>& DataBufferRegistry() {
  static auto* registry = new LiveSet<aclDataBuffer>();
  return *registry;
}
}  // namespace openacl::capi

namespace {
using openacl::Result;
using openacl::Status;
using openacl::capi::DataBufferRegistry;
using openacl::capi::Guard;
using openacl::capi::GuardValue;
}  // namespace

extern "C" {

aclDataBuffer* aclCreateDataBuffer(void* data, size_t size) {
  return GuardValue(__func__, static_cast<aclDataBuffer*>(nullptr),
                    [&]() -> Result<aclDataBuffer*> {
                      auto* buf = new aclDataBuffer{data, size};
                      return DataBufferRegistry().Add(buf);
                    });
}

aclError aclDestroyDataBuffer(const aclDataBuffer* dataBuffer) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(DataBufferRegistry().Check(dataBuffer, "dataBuffer", "aclDataBuffer"));
    DataBufferRegistry().Destroy(dataBuffer);
    return Status::Ok();
  });
}

aclError aclUpdateDataBuffer(aclDataBuffer* dataBuffer, void* data, size_t size) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(DataBufferRegistry().Check(dataBuffer, "dataBuffer", "aclDataBuffer"));
    dataBuffer->data = data;
    dataBuffer->size = size;
    return Status::Ok();
  });
}

void* aclGetDataBufferAddr(const aclDataBuffer* dataBuffer) {
  return GuardValue(__func__, static_cast<void*>(nullptr), [&]() -> Result<void*> {
    RETURN_IF_ERROR(DataBufferRegistry().Check(dataBuffer, "dataBuffer", "aclDataBuffer"));
    return dataBuffer->data;
  });
}

uint32_t aclGetDataBufferSize(const aclDataBuffer* dataBuffer) {
  return GuardValue(__func__, uint32_t{0}, [&]() -> Result<uint32_t> {
    RETURN_IF_ERROR(DataBufferRegistry().Check(dataBuffer, "dataBuffer", "aclDataBuffer"));
    if (dataBuffer->size > std::numeric_limits<uint32_t>::max()) {
      return openacl::InvalidParam("buffer size " + std::to_string(dataBuffer->size) +
                                   " does not fit aclGetDataBufferSize's uint32_t; use "
                                   "aclGetDataBufferSizeV2");
    }
    return static_cast<uint32_t>(dataBuffer->size);
  });
}

size_t aclGetDataBufferSizeV2(const aclDataBuffer* dataBuffer) {
  return GuardValue(__func__, size_t{0}, [&]() -> Result<size_t> {
    RETURN_IF_ERROR(DataBufferRegistry().Check(dataBuffer, "dataBuffer", "aclDataBuffer"));
    return dataBuffer->size;
  });
}

}  // extern "C"
