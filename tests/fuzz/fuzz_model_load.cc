// aclmdlLoadFromMem on arbitrary bytes: the .om reader (header, flatbuffer verification, plans,
// weights, subgraphs) and, for bytes that are not an .om, the ONNX importer and compiler.
#include <cstddef>
#include <cstdint>

#include "acl/acl.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  aclInit(nullptr);
  aclrtSetDevice(0);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  uint32_t id = 0;
  if (aclmdlLoadFromMem(data, size, &id) == ACL_SUCCESS) {
    aclmdlDesc* desc = aclmdlCreateDesc();
    if (desc != nullptr && aclmdlGetDesc(desc, id) == ACL_SUCCESS) {
      for (size_t i = 0; i < aclmdlGetNumInputs(desc); ++i) (void)aclmdlGetInputSizeByIndex(desc, i);
      for (size_t i = 0; i < aclmdlGetNumOutputs(desc); ++i) (void)aclmdlGetOutputSizeByIndex(desc, i);
    }
    aclmdlDestroyDesc(desc);
    aclmdlUnload(id);
  }
  size_t work = 0, weight = 0;
  (void)aclmdlQuerySizeFromMem(data, size, &work, &weight);
  return 0;
}
