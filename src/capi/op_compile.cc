// aclopCompile / aclopCompileAndExecute(V2): online single-op compilation from descs + attrs
// (no file), cached in the op store; aclSetCompileopt / aclopSetCompileFlag.
#include <mutex>

#include "capi/enum_arg.h"
#include "acl/acl_op_compiler.h"
#include "capi/op_internal.h"
#include "compiler/single_op/single_op_compiler.h"

using openacl::Status;
using openacl::StatusCode;
namespace capi = openacl::capi;
namespace so = openacl::single_op;

namespace {

std::mutex g_opt_mu;
std::map<int, std::string>& CompileOpts() {
  static auto* m = new std::map<int, std::string>();
  return *m;
}

Status CheckCompileArgs(int32_t engineType, int32_t compileFlag) {
  if (engineType != ACL_ENGINE_SYS && engineType != ACL_ENGINE_AICORE &&
      engineType != ACL_ENGINE_VECTOR)
    return openacl::InvalidParam("engineType " + std::to_string(engineType) + " is invalid");
  if (compileFlag == ACL_COMPILE_UNREGISTERED)
    return Status(StatusCode::kFeatureUnsupported,
                  "ACL_COMPILE_UNREGISTERED (custom op implementations from opPath) is not "
                  "supported: openacl compiles the ops of its own registry (ACL_COMPILE_SYS)");
  if (compileFlag != ACL_COMPILE_SYS)
    return openacl::InvalidParam("compileFlag " + std::to_string(compileFlag) + " is invalid");
  return Status::Ok();
}

Status Compile(const char* api, const char* opType, int numInputs,
               const aclTensorDesc* const inputDesc[], int numOutputs,
               const aclTensorDesc* const outputDesc[], const aclopAttr* attr,
               int32_t engineType, int32_t compileFlag, capi::OpExec* exec) {
  RETURN_IF_ERROR(capi::RequireInit(api));
  RETURN_IF_ERROR(CheckCompileArgs(engineType, compileFlag));
  ASSIGN_OR_RETURN(so::OpDesc request,
                   capi::MakeRequest(opType, numInputs, inputDesc, numOutputs, outputDesc, attr));
  ASSIGN_OR_RETURN(*exec, capi::ResolveOp(request, /*compile=*/true));
  return Status::Ok();
}

Status CompileAndExecute(const char* api, const char* opType, int numInputs,
                         const aclTensorDesc* const inputDesc[],
                         const aclDataBuffer* const inputs[], int numOutputs,
                         aclTensorDesc* const outputDesc[], aclDataBuffer* const outputs[],
                         const aclopAttr* attr, int32_t engineType,
                         int32_t compileFlag, aclrtStream stream) {
  capi::OpExec exec;
  RETURN_IF_ERROR(Compile(api, opType, numInputs, inputDesc, numOutputs,
                          const_cast<const aclTensorDesc* const*>(outputDesc), attr, engineType,
                          compileFlag, &exec));
  RETURN_IF_ERROR(capi::LaunchOp(exec, numInputs, inputs, numOutputs, outputs, stream));
  capi::UpdateOutputDescs(exec, numOutputs, outputDesc);
  return Status::Ok();
}

}  // namespace

extern "C" {

aclError aclopCompile(const char* opType, int numInputs, const aclTensorDesc* const inputDesc[],
                      int numOutputs, const aclTensorDesc* const outputDesc[],
                      const aclopAttr* attr, aclopEngineType engineType,
                      aclopCompileType compileFlag, const char* opPath) {
  return capi::Guard(__func__, [&]() -> Status {
    capi::OpExec exec;
    return Compile("aclopCompile", opType, numInputs, inputDesc, numOutputs, outputDesc, attr,
                   openacl::capi::EnumArg(engineType), openacl::capi::EnumArg(compileFlag), &exec);
  });
}

aclError aclopCompileAndExecute(const char* opType, int numInputs,
                                const aclTensorDesc* const inputDesc[],
                                const aclDataBuffer* const inputs[], int numOutputs,
                                const aclTensorDesc* const outputDesc[],
                                aclDataBuffer* const outputs[], const aclopAttr* attr,
                                aclopEngineType engineType, aclopCompileType compileFlag,
                                const char* opPath, aclrtStream stream) {
  return capi::Guard(__func__, [&]() -> Status {
    return CompileAndExecute("aclopCompileAndExecute", opType, numInputs, inputDesc, inputs,
                             numOutputs, const_cast<aclTensorDesc* const*>(outputDesc), outputs,
                             attr, openacl::capi::EnumArg(engineType),
                             openacl::capi::EnumArg(compileFlag), stream);
  });
}

aclError aclopCompileAndExecuteV2(const char* opType, int numInputs, aclTensorDesc* inputDesc[],
                                  aclDataBuffer* inputs[], int numOutputs,
                                  aclTensorDesc* outputDesc[], aclDataBuffer* outputs[],
                                  aclopAttr* attr, aclopEngineType engineType,
                                  aclopCompileType compileFlag, const char* opPath,
                                  aclrtStream stream) {
  return capi::Guard(__func__, [&]() -> Status {
    return CompileAndExecute("aclopCompileAndExecuteV2", opType, numInputs, inputDesc, inputs,
                             numOutputs, outputDesc, outputs, attr, openacl::capi::EnumArg(engineType),
                             openacl::capi::EnumArg(compileFlag), stream);
  });
}

aclError aclSetCompileopt(aclCompileOpt optArg, const char* value) {
  return capi::Guard(__func__, [&]() -> Status {
    CHECK_OR_RETURN(value != nullptr, kInvalidParam, "value is null");
    const int32_t opt = openacl::capi::EnumArg(optArg);
    CHECK_OR_RETURN(opt >= ACL_PRECISION_MODE && opt <= ACL_OP_DEBUG_OPTION, kInvalidParam,
                    "compile option " + std::to_string(opt) + " is invalid");
    std::string v = value;
    if (opt == ACL_OP_JIT_COMPILE) {
      CHECK_OR_RETURN(v == "enable" || v == "disable", kInvalidParam,
                      "ACL_OP_JIT_COMPILE takes \"enable\" or \"disable\", got \"" + v + "\"");
      capi::SetOpJitEnabled(v == "enable");
    }
    std::lock_guard<std::mutex> lock(g_opt_mu);
    CompileOpts()[opt] = v;  // other options are recorded; they change nothing on the CPU
    return Status::Ok();
  });
}

aclError aclopSetCompileFlag(aclOpCompileFlag flagArg) {
  return capi::Guard(__func__, [&]() -> Status {
    const int32_t flag = openacl::capi::EnumArg(flagArg);
    CHECK_OR_RETURN(flag == ACL_OP_COMPILE_DEFAULT || flag == ACL_OP_COMPILE_FUZZ, kInvalidParam,
                    "compile flag " + std::to_string(flag) + " is invalid");
    return Status::Ok();
  });
}

}  // extern "C"
