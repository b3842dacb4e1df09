// JPEG decode into a DVPP semi-planar picture (JPEGD): the decoder's own Y/Cb/Cr planes, no
// colour conversion; chroma resampled to the output layout (gray -> 0x80 chroma); EXIF
// orientation applied; strides aligned as the hardware aligns them.
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/status.h"
#include "media/jpeg_info.h"
#include "media/picture.h"

namespace openacl::media {

struct JpegDecodeProfile {
  uint32_t width_align = 128;  // 310: 128; 310P: 64
  uint32_t height_align = 16;
  uint32_t min_side = 32;
  uint32_t max_side = 8192;
};

// The format JPEGD writes for `requested` (UNKNOWN -> the source's subsampling, V before U).
// kFormatNotMatch when the request is outside the JPEGD output set or does not fit the source.
Result<PixelFormat> JpegOutputFormat(const JpegInfo& info, PixelFormat requested);

// Output geometry for that format: width/height (odd sizes rounded down to even on subsampled
// axes), strides aligned per profile. kInvalidParam when the image is outside min/max_side.
Result<Picture> JpegOutputGeometry(const JpegInfo& info, PixelFormat format,
                                   const JpegDecodeProfile& profile);

// Decodes into out.data (out.size bytes). On success returns the geometry written.
Result<Picture> DecodeJpeg(const uint8_t* data, size_t size, PixelFormat requested, uint8_t* out,
                           uint64_t out_size, const JpegDecodeProfile& profile);

}  // namespace openacl::media
