// C arguments -> canonical op request; resolving (with optional compile); binding buffers and
// enqueueing an op execution on a stream.
#include "capi/data_buffer.h"
#include "capi/op_internal.h"
#include "capi/stream_access.h"
#include "capi/tensor_desc.h"
#include "compiler/single_op/op_json.h"
#include "compiler/single_op/op_mapping.h"
#include "compiler/single_op/single_op_compiler.h"
#include "device/memory_registry.h"

namespace openacl::capi {

namespace so = single_op;

namespace {

so::TensorSpec ToSpec(const aclTensorDesc& d) {
  so::TensorSpec t;
  t.dtype = d.dtype;
  t.format = d.format;
  t.dims = d.dims;
  for (const auto& r : d.shape_range) t.shape_range.push_back({r[0], r[1]});
  t.name = d.name;
  t.is_const = d.is_const;
  t.const_data = d.const_data;
  return t;
}

Status ReadDescs(int n, const aclTensorDesc* const descs[], const char* what,
                 std::vector<so::TensorSpec>* out) {
  if (n < 0) return InvalidParam(std::string("num") + what + " is negative");
  if (n > 0 && descs == nullptr) return InvalidParam(std::string(what) + "Desc array is null");
  for (int i = 0; i < n; ++i) {
    std::string name = std::string(what) + "Desc[" + std::to_string(i) + "]";
    RETURN_IF_ERROR(TensorDescRegistry().Check(descs[i], name.c_str(), "aclTensorDesc"));
    out->push_back(ToSpec(*descs[i]));
  }
  return Status::Ok();
}

Status CheckBuffer(const aclDataBuffer* b, uint64_t need, const std::string& what,
                   const std::string& op) {
  RETURN_IF_ERROR(DataBufferRegistry().Check(b, what.c_str(), "aclDataBuffer"));
  if (b->size < need)
    return InvalidParam(op + ": " + what + " has " + std::to_string(b->size) +
                        " bytes, the op needs " + std::to_string(need));
  if (need > 0 &&
      (b->data == nullptr || !device::MemoryRegistry::Global().IsDeviceRange(b->data, need)))
    return InvalidParam(op + ": " + what + " address " + device::PtrString(b->data) +
                        " is not device memory (allocate it with aclrtMalloc)");
  return Status::Ok();
}

}  // namespace

Result<so::OpDesc> MakeRequest(const char* opType, int numInputs,
                               const aclTensorDesc* const inputDesc[], int numOutputs,
                               const aclTensorDesc* const outputDesc[], const aclopAttr* attr) {
  CHECK_OR_RETURN(opType != nullptr && opType[0] != '\0', kInvalidParam, "opType is null or empty");
  so::OpDesc req;
  req.op = opType;
  RETURN_IF_ERROR(ReadDescs(numInputs, inputDesc, "input", &req.inputs));
  RETURN_IF_ERROR(ReadDescs(numOutputs, outputDesc, "output", &req.outputs));
  if (attr != nullptr) {
    RETURN_IF_ERROR(OpAttrRegistry().Check(attr, "attr", "aclopAttr"));
    req.attrs = attr->attrs;
  }
  Status canon = so::Canonicalize(req);
  if (!canon.ok())
    return Status(StatusCode::kOpNotFound,
                  "no single-op model can match the request: " + canon.message());
  return req;
}

Result<OpExec> ResolveOp(const so::OpDesc& request, bool compile) {
  auto found = OpStore::Global().Resolve(request);
  if (found.ok() || found.status().code() != StatusCode::kOpNotFound || !compile) return found;
  for (const auto& t : request.inputs)
    if (!t.omitted() && !t.is_const && (t.unknown_rank() || !IsStatic(t.dims)))
      return Status(StatusCode::kInvalidParam,
                    request.op + ": cannot compile the op: input shapes must be concrete");
  auto model = so::CompileSingleOp(request);
  if (!model.ok()) return model.status().WithContext("compiling " + so::DescribeOp(request));
  RETURN_IF_ERROR(OpStore::Global().AddCompiled(std::move(model).value(), "online compile"));
  return OpStore::Global().Resolve(request);
}

void UpdateOutputDescs(const OpExec& exec, int numOutputs, aclTensorDesc* const outputDesc[]) {
  for (int i = 0; i < numOutputs && i < static_cast<int>(exec.output_dims.size()); ++i) {
    aclTensorDesc* d = outputDesc[i];
    if (d == nullptr || !d->has_dynamic_dim()) continue;
    d->dims = exec.output_dims[i];
  }
}

Status LaunchOp(const OpExec& ex, int numInputs, const aclDataBuffer* const inputs[],
                int numOutputs, aclDataBuffer* const outputs[], aclrtStream stream) {
  const size_t n_in = ex.graph_input.size(), n_out = ex.output_bytes.size();
  if (numInputs < static_cast<int>(n_in))
    return InvalidParam(ex.what + ": " + std::to_string(numInputs) + " input buffers, the op has " +
                        std::to_string(n_in) + " inputs");
  if (numOutputs != static_cast<int>(n_out))
    return InvalidParam(ex.what + ": " + std::to_string(numOutputs) +
                        " output buffers, the op has " + std::to_string(n_out) + " outputs");
  if (n_in > 0 && inputs == nullptr) return InvalidParam("inputs array is null");
  if (n_out > 0 && outputs == nullptr) return InvalidParam("outputs array is null");
  const CompiledModel& m = ex.model->model();
  std::vector<void*> in_ptrs(m.inputs.size(), nullptr), out_ptrs(n_out, nullptr);
  std::vector<size_t> in_sizes(m.inputs.size(), 0), out_sizes(n_out, 0);
  for (size_t i = 0; i < n_in; ++i) {
    std::string what = "inputs[" + std::to_string(i) + "]";
    int gi = ex.graph_input[i];
    if (gi < 0) {  // constant / omitted: (nullptr, 0) buffer or none; the value is in the model
      if (inputs[i] != nullptr)
        RETURN_IF_ERROR(DataBufferRegistry().Check(inputs[i], what.c_str(), "aclDataBuffer"));
      continue;
    }
    RETURN_IF_ERROR(CheckBuffer(inputs[i], ex.input_bytes[i], what, ex.what));
    in_ptrs[gi] = inputs[i]->data;
    in_sizes[gi] = inputs[i]->size;
  }
  for (size_t i = 0; i < n_out; ++i) {
    RETURN_IF_ERROR(
        CheckBuffer(outputs[i], ex.output_bytes[i], "outputs[" + std::to_string(i) + "]", ex.what));
    out_ptrs[i] = outputs[i]->data;
    out_sizes[i] = outputs[i]->size;
  }
  auto model = ex.model;
  std::string what = ex.what;
  return EnqueueOnStream(stream, [=]() -> Status {
    Status st = model->Execute(in_ptrs.data(), in_sizes.data(), in_ptrs.size(), out_ptrs.data(),
                               out_sizes.data(), out_ptrs.size());
    return st.WithContext("single op " + what);
  });
}

}  // namespace openacl::capi
