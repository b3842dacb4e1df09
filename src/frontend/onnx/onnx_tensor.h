// Conversion of ONNX TensorProto (inline, raw or external data) to ir::Tensor.
#pragma once

#include <string>

#include "base/status.h"
#include "ir/tensor.h"
#include "onnx/onnx_pb.h"

namespace openacl {

// `base_dir` is the model folder for external data ("" = external data not allowed).
Result<Tensor> TensorFromProto(const onnx::TensorProto& proto, const std::string& base_dir);

}  // namespace openacl
