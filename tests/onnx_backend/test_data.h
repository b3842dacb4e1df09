// Reading the suite's files: model.onnx graph interface (inputs, outputs, op types) and the
// TensorProto files of test_data_set_N folders.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "base/status.h"
#include "ir/tensor.h"

namespace openacl {
namespace backend_test {

struct ValueInfo {
  std::string name;
  std::string kind;  // "tensor", "sequence", "optional", "map", "sparse_tensor", "unknown"
  int elem_type = 0;
};

struct ModelInfo {
  std::vector<ValueInfo> inputs;  // graph inputs that are not initializers, in order
  std::vector<ValueInfo> outputs;
  std::set<std::string> ops;  // op types of all nodes, subgraphs included
};

Result<ModelInfo> ReadModelInfo(const std::string& path);
// Reads prefix_0.pb, prefix_1.pb, ... of `dir` until one is missing.
Result<std::vector<Tensor>> ReadTensors(const std::string& dir, const std::string& prefix);
// The test_data_set_* folders of a test, in numeric order.
std::vector<std::string> DataSets(const std::string& dir);

}  // namespace backend_test
}  // namespace openacl
