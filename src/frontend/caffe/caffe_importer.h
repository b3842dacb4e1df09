// Caffe model (.prototxt + .caffemodel) -> ir::Graph, for `atc --framework=0`. Every layer is
// lowered onto the IR's (ONNX-semantics) ops, so the graph goes through the same passes as an
// imported ONNX model. docs/caffe.md lists the layers.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "base/status.h"
#include "ir/graph.h"

namespace openacl {

// `input_shapes` (--input_shape, by Caffe input name) override the shapes the prototxt declares
// and give those it leaves open (Data layers). `caffemodel` may be "" for nets without weights.
Result<std::unique_ptr<Graph>> ImportCaffeFiles(const std::string& prototxt,
                                                const std::string& caffemodel,
                                                const std::map<std::string, Shape>& input_shapes);
// The same over in-memory file contents (`what` names the model in messages; fuzzing, tests).
Result<std::unique_ptr<Graph>> ImportCaffeText(const std::string& prototxt_text,
                                               const std::string& caffemodel_bytes,
                                               const std::map<std::string, Shape>& input_shapes,
                                               const std::string& what);

}  // namespace openacl
