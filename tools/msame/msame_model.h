// msame's use of the public AscendCL API: runtime resources, one loaded model, its datasets.
// Every failed ACL call prints "[ERROR] <call> failed, error code <n>" and aclGetRecentErrMsg().
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "acl/acl.h"
#include "msame_io.h"
#include "msame_stats.h"

namespace msame {

// Prints "[ERROR] ..." for a failed ACL call plus the runtime's recent error message.
void PrintAclError(const char* what, aclError ret);

// aclInit .. aclrtGetRunMode, and the matching teardown (in the destructor).
class AclResources {
 public:
  ~AclResources();
  bool Init(int device, const char* config_path);

 private:
  bool initialized_ = false, device_set_ = false;
  int device_ = 0;
  aclrtContext context_ = nullptr;
  aclrtStream stream_ = nullptr;
};

struct IoDesc {
  std::string name;
  size_t size = 0;
  aclDataType dtype = ACL_DT_UNDEFINED;
  aclFormat format = ACL_FORMAT_UNDEFINED;
  std::vector<int64_t> dims;
  bool dynamic = false;  // a dim is -1 or dims are {-2}: the shape is decided at run time
};

// One output as the last execute produced it.
struct RunOutput {
  std::vector<int64_t> dims;
  aclDataType dtype = ACL_DT_UNDEFINED;
  size_t bytes = 0;  // bytes holding this run's values (<= the buffer size)
};

class ModelRunner {
 public:
  ~ModelRunner();

  bool Load(const std::string& path, double* load_ms);
  bool CreateDesc();
  void PrintDesc() const;  // --debug
  // Device buffers for every input (zero-filled) and output. `output_sizes` are --outputSize's
  // entries (empty: the description's sizes; an output sized at run time then is an error).
  bool CreateInput();
  bool CreateOutput(const std::vector<size_t>& output_sizes);
  // Copies a file's contents into input `index` after checking size (and dtype for .npy).
  bool SetInput(size_t index, const HostTensor& tensor);
  // Zero-fills input `index` (an input no file was given for).
  bool ZeroInput(size_t index);
  // --dymBatch / --dymHW / --dymDims (at most one non-empty): sets the gear on the input dataset
  // (msame_model_gears.cc). True when none is given.
  bool ApplyGear(const std::string& dym_batch, const std::string& dym_hw,
                 const std::string& dym_dims);
  bool Execute(double* ms);
  // Output `index` of the last execute: the description's dims/size for static outputs, the
  // output dataset's tensor desc (this run's shape) for outputs sized at run time.
  RunOutput CurrentOutput(size_t index) const;
  // --debug: this run's dims, type and bytes of each output sized at run time.
  void PrintRunOutputs() const;
  bool HasDynamicOutput() const;
  // Copies outputs back and writes <dir>/<prefix>_output_<i>.{txt,bin}; records them in `infos`.
  bool SaveOutputs(const std::string& dir, const std::string& prefix, bool txt,
                   std::vector<OutputInfo>* infos);

  const std::vector<IoDesc>& inputs() const { return inputs_; }
  const std::vector<IoDesc>& outputs() const { return outputs_; }

 private:
  void DestroyDataset(aclmdlDataset** dataset);

  uint32_t model_id_ = 0;
  bool loaded_ = false;
  aclmdlDesc* desc_ = nullptr;
  aclmdlDataset* input_ = nullptr;
  aclmdlDataset* output_ = nullptr;
  std::vector<IoDesc> inputs_, outputs_;
  std::vector<size_t> output_bytes_;  // buffer size of each output
};

}  // namespace msame
