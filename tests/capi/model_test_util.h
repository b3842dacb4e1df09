// Builds small models for the model-API tests: an IR graph compiled and written as .om.
#pragma once

#include <string>

namespace openacl_test {

// y = Relu(x) + bias, x: float[2,4], bias = {1,2,3,4}. Returns the .om path (in a temp dir).
std::string WriteReluAddOm();
// idx = NonZero(x > 0), x: float[2,3]: an output whose shape is decided at run time.
std::string WriteNonZeroOm();
// Same model as ONNX bytes written to <tmp>/relu_add.onnx (compiled on the fly by the loaders).
std::string TempDir();
// Reads a whole file.
std::string ReadFileBytes(const std::string& path);

}  // namespace openacl_test
