// aclopExecute / aclopExecuteV2, op handles, aclopCast / aclopCreateHandleForCast.
#include "capi/op_internal.h"
#include "capi/tensor_desc.h"

using openacl::Result;
using openacl::Status;
namespace capi = openacl::capi;
namespace so = openacl::single_op;

namespace openacl::capi {
LiveSet<aclopHandle>& OpHandleRegistry() {
  static auto* s = new LiveSet<aclopHandle>();
  return *s;
}
}  // namespace openacl::capi

namespace {

Status Execute(const char* api, const char* opType, int numInputs,
               const aclTensorDesc* const inputDesc[], const aclDataBuffer* const inputs[],
               int numOutputs, aclTensorDesc* const outputDesc[], aclDataBuffer* const outputs[],
               const aclopAttr* attr, aclrtStream stream) {
  RETURN_IF_ERROR(capi::RequireInit(api));
  ASSIGN_OR_RETURN(so::OpDesc request,
                   capi::MakeRequest(opType, numInputs, inputDesc, numOutputs,
                                     const_cast<const aclTensorDesc* const*>(outputDesc), attr));
  ASSIGN_OR_RETURN(capi::OpExec exec, capi::ResolveOp(request, capi::OpJitEnabled()));
  RETURN_IF_ERROR(capi::LaunchOp(exec, numInputs, inputs, numOutputs, outputs, stream));
  capi::UpdateOutputDescs(exec, numOutputs, outputDesc);
  return Status::Ok();
}

Result<so::OpDesc> CastRequest(const aclTensorDesc* src, const aclTensorDesc* dst,
                               uint8_t truncate) {
  const aclTensorDesc* in[] = {src};
  const aclTensorDesc* out[] = {dst};
  RETURN_IF_ERROR(capi::TensorDescRegistry().Check(src, "srcDesc", "aclTensorDesc"));
  RETURN_IF_ERROR(capi::TensorDescRegistry().Check(dst, "dstDesc", "aclTensorDesc"));
  ASSIGN_OR_RETURN(so::OpDesc req, capi::MakeRequest("Cast", 1, in, 1, out, nullptr));
  req.attrs["truncate"] = so::AttrValue::Bool(truncate != 0);
  return req;
}

Status CreateHandle(const so::OpDesc& request, aclopHandle** handle) {
  CHECK_OR_RETURN(handle != nullptr, kInvalidParam, "handle is null");
  ASSIGN_OR_RETURN(capi::OpExec exec, capi::ResolveOp(request, capi::OpJitEnabled()));
  auto* h = new aclopHandle();
  h->exec = std::move(exec);
  *handle = capi::OpHandleRegistry().Add(h);
  return Status::Ok();
}

}  // namespace

extern "C" {

aclError aclopExecute(const char* opType, int numInputs, const aclTensorDesc* const inputDesc[],
                      const aclDataBuffer* const inputs[], int numOutputs,
                      const aclTensorDesc* const outputDesc[], aclDataBuffer* const outputs[],
                      const aclopAttr* attr, aclrtStream stream) {
  return capi::Guard(__func__, [&]() -> Status {
    // The deprecated form cannot report output shapes: its output descs are const.
    return Execute("aclopExecute", opType, numInputs, inputDesc, inputs, numOutputs,
                   const_cast<aclTensorDesc* const*>(outputDesc), outputs, attr, stream);
  });
}

aclError aclopExecuteV2(const char* opType, int numInputs, aclTensorDesc* inputDesc[],
                        aclDataBuffer* inputs[], int numOutputs, aclTensorDesc* outputDesc[],
                        aclDataBuffer* outputs[], aclopAttr* attr, aclrtStream stream) {
  return capi::Guard(__func__, [&]() -> Status {
    return Execute("aclopExecuteV2", opType, numInputs, inputDesc, inputs, numOutputs, outputDesc,
                   outputs, attr, stream);
  });
}

aclError aclopCreateHandle(const char* opType, int numInputs,
                           const aclTensorDesc* const inputDesc[], int numOutputs,
                           const aclTensorDesc* const outputDesc[], const aclopAttr* opAttr,
                           aclopHandle** handle) {
  return capi::Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(capi::RequireInit("aclopCreateHandle"));
    CHECK_OR_RETURN(handle != nullptr, kInvalidParam, "handle is null");
    ASSIGN_OR_RETURN(so::OpDesc request, capi::MakeRequest(opType, numInputs, inputDesc, numOutputs,
                                                           outputDesc, opAttr));
    for (size_t i = 0; i < request.inputs.size(); ++i) {
      const auto& t = request.inputs[i];
      if (!t.omitted() && !t.is_const && t.dynamic())
        return openacl::InvalidParam("inputDesc[" + std::to_string(i) +
                                     "] has dynamic dims: op handles need static shapes");
    }
    return CreateHandle(request, handle);
  });
}

void aclopDestroyHandle(aclopHandle* handle) {
  if (handle == nullptr) return;
  capi::Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(capi::OpHandleRegistry().Check(handle, "handle", "aclopHandle"));
    capi::OpHandleRegistry().Destroy(handle);
    return Status::Ok();
  });
}

aclError aclopExecWithHandle(aclopHandle* handle, int numInputs,
                             const aclDataBuffer* const inputs[], int numOutputs,
                             aclDataBuffer* const outputs[], aclrtStream stream) {
  return capi::Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(capi::OpHandleRegistry().Check(handle, "handle", "aclopHandle"));
    return capi::LaunchOp(handle->exec, numInputs, inputs, numOutputs, outputs, stream);
  });
}

aclError aclopCast(const aclTensorDesc* srcDesc, const aclDataBuffer* srcBuffer,
                   const aclTensorDesc* dstDesc, aclDataBuffer* dstBuffer, uint8_t truncate,
                   aclrtStream stream) {
  return capi::Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(capi::RequireInit("aclopCast"));
    ASSIGN_OR_RETURN(so::OpDesc request, CastRequest(srcDesc, dstDesc, truncate));
    ASSIGN_OR_RETURN(capi::OpExec exec, capi::ResolveOp(request, capi::OpJitEnabled()));
    const aclDataBuffer* in[] = {srcBuffer};
    aclDataBuffer* out[] = {dstBuffer};
    return capi::LaunchOp(exec, 1, in, 1, out, stream);
  });
}

aclError aclopCreateHandleForCast(aclTensorDesc* srcDesc, aclTensorDesc* dstDesc, uint8_t truncate,
                                  aclopHandle** handle) {
  return capi::Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(capi::RequireInit("aclopCreateHandleForCast"));
    CHECK_OR_RETURN(handle != nullptr, kInvalidParam, "handle is null");
    ASSIGN_OR_RETURN(so::OpDesc request, CastRequest(srcDesc, dstDesc, truncate));
    return CreateHandle(request, handle);
  });
}

}  // extern "C"
