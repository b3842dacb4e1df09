// The Caffe frontend (atc --framework=0): prototxt text parsing, caffemodel binary parsing, the
// V1 upgrade, weight matching and every layer lowering with its shape checks. One input holds
// both files: the prototxt, a NUL byte, then the caffemodel bytes (no NUL: prototxt only).
#include <cstddef>
#include <cstdint>
#include <string>

#include "frontend/caffe/caffe_importer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string all(reinterpret_cast<const char*>(data), size);
  size_t nul = all.find('\0');
  std::string prototxt = all.substr(0, nul);
  std::string caffemodel = nul == std::string::npos ? std::string() : all.substr(nul + 1);
  (void)openacl::ImportCaffeText(prototxt, caffemodel, {}, "fuzz.prototxt");
  return 0;
}
