// aclInit's JSON configuration (acl.json): the parser and the validation of every key.
#include <cstddef>
#include <cstdint>
#include <string>

#include "device/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  (void)openacl::device::ParseConfigText(text, "fuzz.json");
  return 0;
}
