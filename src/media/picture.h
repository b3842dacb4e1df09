// Pictures as the media module sees them: a byte buffer plus the geometry a DVPP picture
// description carries. Pure data, no C API types; the pixel-format numbers are AscendCL's
// acldvppPixelFormat values so the C layer can pass them through unchanged.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace openacl::media {

enum class PixelFormat : uint32_t {
  kYuv400 = 0,
  kNv12 = 1,  // YUV420SP, chroma U,V
  kNv21 = 2,  // YVU420SP, chroma V,U
  kYuv422Sp = 3,
  kYvu422Sp = 4,
  kYuv444Sp = 5,
  kYvu444Sp = 6,
  kYuyv422 = 7,
  kUyvy422 = 8,
  kYvyu422 = 9,
  kVyuy422 = 10,
  kYuv444Packed = 11,
  kRgb888 = 12,
  kBgr888 = 13,
  kArgb8888 = 14,
  kAbgr8888 = 15,
  kRgba8888 = 16,
  kBgra8888 = 17,
  kYuv440Sp = 1000,
  kYvu440Sp = 1001,
  kUnknown = 10000,
};

// "PIXEL_FORMAT_YUV_SEMIPLANAR_420 (1)"; unknown numbers print as "pixel format <n>".
std::string PixelFormatName(PixelFormat f);
inline std::string PixelFormatName(uint32_t f) { return PixelFormatName(static_cast<PixelFormat>(f)); }

// Chroma layout of the semi-planar formats: subsampling factors and the byte order of the
// interleaved chroma plane.
struct SemiPlanarLayout {
  uint32_t chroma_x_shift = 1;  // 1: half width
  uint32_t chroma_y_shift = 1;  // 1: half height
  bool v_first = false;         // NV21 order
};
bool IsSemiPlanar(PixelFormat f, SemiPlanarLayout* layout = nullptr);
// Single-plane interleaved formats: bytes per pixel (packed 422: 2), else 0.
uint32_t PackedBytesPerPixel(PixelFormat f);

// Bytes a picture of this format needs for strides ws (bytes per row) x hs (rows), as DVPP's
// own size helper counts them (YUV400 counts a chroma plane, 440SP counts x2). 0 = unknown format.
uint64_t PictureBytes(PixelFormat f, uint64_t ws, uint64_t hs);

// A picture in memory. width_stride is in bytes per row (AscendCL's widthStride).
struct Picture {
  uint8_t* data = nullptr;
  uint64_t size = 0;  // bytes available at data
  PixelFormat format = PixelFormat::kYuv400;
  uint32_t width = 0;
  uint32_t height = 0;
  uint32_t width_stride = 0;
  uint32_t height_stride = 0;
};

// Inclusive rectangle, as DVPP ROI configs are: width = right - left + 1.
struct Roi {
  uint32_t left = 0, right = 0, top = 0, bottom = 0;
  uint32_t width() const { return right - left + 1; }
  uint32_t height() const { return bottom - top + 1; }
};

inline uint64_t AlignUp(uint64_t v, uint64_t a) { return (v + a - 1) / a * a; }

}  // namespace openacl::media
