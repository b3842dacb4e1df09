// ONNX ModelProto -> ir::Graph. The only place that includes onnx.pb.h.
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "ir/graph.h"

namespace openacl {

// Imports a model file; external data files are resolved relative to the model's folder and
// must stay inside it.
Result<std::unique_ptr<Graph>> ImportOnnxFile(const std::string& path);
// Imports a serialized model; `base_dir` resolves external data ("" = external data rejected).
Result<std::unique_ptr<Graph>> ImportOnnxBytes(const void* data, size_t size,
                                               const std::string& base_dir);

}  // namespace openacl
