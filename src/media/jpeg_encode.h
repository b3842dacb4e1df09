// JPEG encode of a DVPP picture (JPEGE): YUV420SP NV12/NV21 or packed YUV422 in, baseline
// Huffman JPEG out (4:2:0 for 420SP input, 4:2:2 for packed 422).
#pragma once

#include <cstdint>

#include "base/status.h"
#include "media/picture.h"

namespace openacl::media {

// Geometry rules of JPEGE (formats, 32..8192, even sizes, stride alignment); kFormatNotMatch for
// the format, kInvalidParam naming the field otherwise.
Status CheckJpegEncodeInput(const Picture& in);

// Size JPEGE asks the caller to reserve: picture bytes + 640 + 128, rounded up to 2 MiB.
Result<uint32_t> PredictJpegEncodeSize(const Picture& in);

// level: 0 behaves like 100, 1..100 = quality. Writes at most `capacity` bytes; returns the
// JPEG byte count, or kInvalidParam when the JPEG does not fit.
Result<uint32_t> EncodeJpeg(const Picture& in, uint32_t level, uint8_t* out, uint32_t capacity);

}  // namespace openacl::media
