// `atc --framework=0`: a Caffe model (.prototxt + .caffemodel) through the same compile path as
// an ONNX model (the Caffe frontend builds the IR graph; CompileGraph does the rest).
#pragma once

#include <string>

#include "compiler/compiler.h"

namespace openacl {

// `options.input_shapes` (--input_shape) apply by Caffe input name at import; --out_nodes takes
// Caffe layer names and top indexes.
Result<CompiledModel> CompileCaffeFiles(const std::string& prototxt, const std::string& caffemodel,
                                        const CompileOptions& options);

}  // namespace openacl
