// Single-operator inputs: the op-list JSON that `atc --singleop` reads, and aclopLoad on bytes
// (a single-op .om).
#include <cstddef>
#include <cstdint>
#include <string>

#include "acl/acl.h"
#include "compiler/single_op/op_json.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  aclInit(nullptr);
  aclrtSetDevice(0);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  (void)openacl::single_op::ParseOpDescList(text, "fuzz.json");
  (void)aclopLoad(data, size);
  return 0;
}
