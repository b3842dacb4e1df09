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
};

class ModelRunner {
 public:
  ~ModelRunner();

  bool Load(const std::string& path, double* load_ms);
  bool CreateDesc();
  void PrintDesc() const;  // --debug
  // Device buffers for every input (zero-filled) and output.
  bool CreateInput();
  bool CreateOutput();
  // Copies a file's contents into input `index` after checking size (and dtype for .npy).
  bool SetInput(size_t index, const HostTensor& tensor);
  // Zero-fills input `index` (an input no file was given for).
  bool ZeroInput(size_t index);
  bool Execute(double* ms);
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
};

}  // namespace msame
