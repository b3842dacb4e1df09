// JPEG header facts (markers only, nothing decoded): size, components, chroma subsampling,
// colour space and the EXIF orientation. Hostile input gives kFailure, never a crash.
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/status.h"

namespace openacl::media {

enum class JpegSubsampling { k444 = 0, k422 = 1, k420 = 2, kGray = 3, k440 = 4, k411 = 5, kUnknown = 1000 };
enum class JpegColorspace { kYCbCr, kGray, kRgb, kCmyk, kYcck };

struct JpegInfo {
  uint32_t coded_width = 0;   // as stored in SOF
  uint32_t coded_height = 0;
  uint32_t width = 0;         // after the EXIF orientation (5..8 swap width and height)
  uint32_t height = 0;
  int32_t components = 0;
  JpegSubsampling subsampling = JpegSubsampling::kUnknown;
  JpegColorspace colorspace = JpegColorspace::kYCbCr;
  int orientation = 1;        // EXIF 0x0112, 1..8 (1 = as stored)
};

// Parses the header. Errors: kInvalidParam for null/empty data, kFailure for anything that does
// not parse as a JPEG header (the message says what libjpeg reported).
Result<JpegInfo> ReadJpegInfo(const uint8_t* data, size_t size);

// EXIF orientation from an APP1 segment, 1 when absent or malformed. Bounded reads only.
int ReadExifOrientation(const uint8_t* data, size_t size);

}  // namespace openacl::media
