// Builders for ONNX models in frontend tests (protobuf classes directly) and a temp folder.
#pragma once

#include <string>
#include <vector>

#include "onnx/onnx_pb.h"

namespace openacl {
namespace onnx_test {

// A fresh folder under the test temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string Write(const std::string& name, const std::string& bytes) const;  // returns path

 private:
  std::string path_;
};

// ir_version 8, default-domain opset `opset`, a graph named "g".
onnx::ModelProto NewModel(int64_t opset = 13, int64_t ir_version = 8);
void AddOpset(onnx::ModelProto& m, const std::string& domain, int64_t version);

// A tensor-typed ValueInfo. `dims` entries >= 0 are values; < 0 uses the matching `params`
// entry as a symbolic dim_param (or leaves the dim empty if that entry is "").
void SetTensorType(onnx::ValueInfoProto* vi, const std::string& name, int elem_type,
                   const std::vector<int64_t>& dims, const std::vector<std::string>& params = {});
onnx::ValueInfoProto* AddInput(onnx::GraphProto* g, const std::string& name, int elem_type,
                               const std::vector<int64_t>& dims,
                               const std::vector<std::string>& params = {});
onnx::ValueInfoProto* AddOutput(onnx::GraphProto* g, const std::string& name, int elem_type,
                                const std::vector<int64_t>& dims);
onnx::NodeProto* AddNode(onnx::GraphProto* g, const std::string& op, const std::string& name,
                         const std::vector<std::string>& inputs,
                         const std::vector<std::string>& outputs, const std::string& domain = "");
// Float tensor stored as raw_data.
void SetRawFloats(onnx::TensorProto* t, const std::string& name, const std::vector<int64_t>& dims,
                  const std::vector<float>& values);
std::string Serialize(const onnx::ModelProto& m);

}  // namespace onnx_test
}  // namespace openacl
