// Shared pieces of the single-operator C API (capi/op_*.cc): the opaque aclopAttr / aclopHandle
// structs, the store of loaded single-op models, and request conversion / launching.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "acl/acl_op.h"
#include "capi/guard.h"
#include "compiler/single_op/op_desc.h"
#include "format/compiled_model.h"
#include "engine/loaded_model.h"

struct aclopAttr {
  std::map<std::string, openacl::single_op::AttrValue> attrs;
};

namespace openacl::capi {

// A loaded op resolved for concrete shapes: what one execution needs.
struct OpExec {
  std::shared_ptr<engine::LoadedModel> model;
  std::vector<int> graph_input;       // per AscendCL input: graph input index or -1
  std::vector<uint64_t> input_bytes;  // per AscendCL input (0 for constant / omitted)
  std::vector<Shape> output_dims;     // per AscendCL output, concrete
  std::vector<uint64_t> output_bytes;
  std::string what;  // "ArgMaxD (op_models/0_ArgMaxD_....om)"
};

}  // namespace openacl::capi

struct aclopHandle {
  openacl::capi::OpExec exec;
};

namespace openacl::capi {

LiveSet<aclopAttr>& OpAttrRegistry();
LiveSet<aclopHandle>& OpHandleRegistry();

// Process-wide store of loaded single-op models (aclopSetModelDir / aclopLoad / aclopCompile).
// Cleared by aclFinalize.
class OpStore {
 public:
  static OpStore& Global();

  // Loads every single-op .om in `dir`. kRepeatInitialize when a directory was already loaded
  // successfully in this process (AscendCL allows one aclopSetModelDir per process).
  Status LoadDir(const std::string& dir);
  Status LoadMemory(const void* data, size_t size);
  // Adds a compiled op unless an identical description is loaded already (aclopCompile).
  Status AddCompiled(CompiledModel model, const std::string& source);
  // Finds the op serving `request` (canonical) and resolves it for the request's shapes.
  // kOpNotFound listing what was asked and the closest loaded candidates.
  Result<OpExec> Resolve(const single_op::OpDesc& request);
  size_t size() const;
  void Clear();

  struct Entry;

 private:
  OpStore() = default;
  Status Add(std::shared_ptr<Entry> entry);
  mutable std::mutex mu_;
  std::map<std::string, std::vector<std::shared_ptr<Entry>>> by_type_;
  bool dir_loaded_ = false;
};

// Single-op JIT (aclSetCompileopt(ACL_OP_JIT_COMPILE, "enable")): when no loaded op matches,
// aclopExecuteV2 / aclopCast / aclopCreateHandle compile the op from the request instead of
// failing. Default off, as an app written for offline op models must load them.
bool OpJitEnabled();
void SetOpJitEnabled(bool enabled);

// Converts the C arguments into a canonical request. Checks counts, live descs and attr.
// A request the mapping table rejects (unknown op type / attr) becomes kOpNotFound.
Result<single_op::OpDesc> MakeRequest(const char* opType, int numInputs,
                                      const aclTensorDesc* const inputDesc[], int numOutputs,
                                      const aclTensorDesc* const outputDesc[],
                                      const aclopAttr* attr);
// Resolve, falling back to compiling the request when `compile` (JIT / aclopCompileAndExecute).
Result<OpExec> ResolveOp(const single_op::OpDesc& request, bool compile);

// Writes the concrete output shapes into output descs that have dynamic dims.
void UpdateOutputDescs(const OpExec& exec, int numOutputs, aclTensorDesc* const outputDesc[]);

// Checks buffers (live, large enough, device memory) and enqueues the execution on `stream`.
Status LaunchOp(const OpExec& exec, int numInputs, const aclDataBuffer* const inputs[],
                int numOutputs, aclDataBuffer* const outputs[], aclrtStream stream);

}  // namespace openacl::capi
