// Helpers for the DVPP C API tests: JPEGs made at test time, DVPP buffers, picture descs.
#pragma once

#define ENABLE_DVPP_INTERFACE
#include <cstdint>
#include <vector>

#include "acl/acl.h"
#include "acl/ops/acl_dvpp.h"

namespace openacl_test {

// A w x h gradient JPEG (TurboJPEG subsampling `tj_subsamp`, e.g. TJSAMP_420 = 2).
std::vector<uint8_t> MakeJpeg(int w, int h, int tj_subsamp = 2);
// A DVPP buffer holding `bytes` (acldvppMalloc + copy); the caller frees it with acldvppFree.
void* ToDvpp(const std::vector<uint8_t>& bytes);
// A picture desc over `data` with the given geometry.
acldvppPicDesc* MakePic(void* data, uint32_t size, acldvppPixelFormat f, uint32_t w, uint32_t h, uint32_t ws,
                        uint32_t hs);
// Device bytes back to the host.
std::vector<uint8_t> ToHost(const void* dev, size_t n);

}  // namespace openacl_test
