// Builds small models for the model-API tests: an IR graph compiled and written as .om.
#pragma once

#include <string>

namespace openacl_test {

// y = Relu(x) + bias, x: float[2,4], bias = {1,2,3,4}. Returns the .om path (in a temp dir).
std::string WriteReluAddOm();
// Same model as ONNX bytes written to <tmp>/relu_add.onnx (compiled on the fly by the loaders).
std::string TempDir();
// Reads a whole file.
std::string ReadFileBytes(const std::string& path);

}  // namespace openacl_test
