// PNG header facts and decode into a DVPP RGB888 / RGBA8888 picture (PNGD), with libpng.
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/status.h"
#include "media/picture.h"

namespace openacl::media {

struct PngInfo {
  uint32_t width = 0;
  uint32_t height = 0;
  int32_t components = 0;  // 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA
  uint32_t bit_depth = 0;
  uint32_t color_type = 0;
};

// Reads the IHDR fields (signature checked). kInvalidParam for short data or a bad signature,
// kFormatNotMatch for palette images (PNGD has no palette support).
Result<PngInfo> ReadPngInfo(const uint8_t* data, size_t size);

// The format PNGD writes for `requested` (RGB_888, RGBA_8888 or UNKNOWN = RGBA for sources
// with alpha, else RGB); kFormatNotMatch otherwise.
Result<PixelFormat> PngOutputFormat(const PngInfo& info, PixelFormat requested);

// Geometry: ws = align128(w) * bytes per pixel, hs = align16(h); sides 32..4096.
Result<Picture> PngOutputGeometry(const PngInfo& info, PixelFormat format);

// Size acldvppPngPredictDecSize reports.
Result<uint32_t> PredictPngDecodeSize(const uint8_t* data, size_t size, PixelFormat requested);

Result<Picture> DecodePng(const uint8_t* data, size_t size, PixelFormat requested, uint8_t* out,
                          uint64_t out_size);

}  // namespace openacl::media
