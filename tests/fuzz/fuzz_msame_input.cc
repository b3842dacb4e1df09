// msame's input reader for .npy files (header dict, dtype, shape, payload size).
#include <cstddef>
#include <cstdint>
#include <string>

#include "msame_io.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  msame::HostTensor tensor;
  std::string error;
  (void)msame::ParseNpy(data, size, &tensor, &error);
  return 0;
}
