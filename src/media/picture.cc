#include "media/picture.h"

namespace openacl::media {

std::string PixelFormatName(PixelFormat f) {
  const char* name = nullptr;
  switch (f) {
    case PixelFormat::kYuv400: name = "PIXEL_FORMAT_YUV_400"; break;
    case PixelFormat::kNv12: name = "PIXEL_FORMAT_YUV_SEMIPLANAR_420"; break;
    case PixelFormat::kNv21: name = "PIXEL_FORMAT_YVU_SEMIPLANAR_420"; break;
    case PixelFormat::kYuv422Sp: name = "PIXEL_FORMAT_YUV_SEMIPLANAR_422"; break;
    case PixelFormat::kYvu422Sp: name = "PIXEL_FORMAT_YVU_SEMIPLANAR_422"; break;
    case PixelFormat::kYuv444Sp: name = "PIXEL_FORMAT_YUV_SEMIPLANAR_444"; break;
    case PixelFormat::kYvu444Sp: name = "PIXEL_FORMAT_YVU_SEMIPLANAR_444"; break;
    case PixelFormat::kYuyv422: name = "PIXEL_FORMAT_YUYV_PACKED_422"; break;
    case PixelFormat::kUyvy422: name = "PIXEL_FORMAT_UYVY_PACKED_422"; break;
    case PixelFormat::kYvyu422: name = "PIXEL_FORMAT_YVYU_PACKED_422"; break;
    case PixelFormat::kVyuy422: name = "PIXEL_FORMAT_VYUY_PACKED_422"; break;
    case PixelFormat::kYuv444Packed: name = "PIXEL_FORMAT_YUV_PACKED_444"; break;
    case PixelFormat::kRgb888: name = "PIXEL_FORMAT_RGB_888"; break;
    case PixelFormat::kBgr888: name = "PIXEL_FORMAT_BGR_888"; break;
    case PixelFormat::kArgb8888: name = "PIXEL_FORMAT_ARGB_8888"; break;
    case PixelFormat::kAbgr8888: name = "PIXEL_FORMAT_ABGR_8888"; break;
    case PixelFormat::kRgba8888: name = "PIXEL_FORMAT_RGBA_8888"; break;
    case PixelFormat::kBgra8888: name = "PIXEL_FORMAT_BGRA_8888"; break;
    case PixelFormat::kYuv440Sp: name = "PIXEL_FORMAT_YUV_SEMIPLANAR_440"; break;
    case PixelFormat::kYvu440Sp: name = "PIXEL_FORMAT_YVU_SEMIPLANAR_440"; break;
    case PixelFormat::kUnknown: name = "PIXEL_FORMAT_UNKNOWN"; break;
  }
  std::string number = std::to_string(static_cast<uint32_t>(f));
  if (name == nullptr) return "pixel format " + number;
  return std::string(name) + " (" + number + ")";
}

bool IsSemiPlanar(PixelFormat f, SemiPlanarLayout* layout) {
  SemiPlanarLayout l;
  switch (f) {
    case PixelFormat::kNv12: break;
    case PixelFormat::kNv21: l.v_first = true; break;
    case PixelFormat::kYuv422Sp: l.chroma_y_shift = 0; break;
    case PixelFormat::kYvu422Sp: l.chroma_y_shift = 0; l.v_first = true; break;
    case PixelFormat::kYuv444Sp: l.chroma_x_shift = 0; l.chroma_y_shift = 0; break;
    case PixelFormat::kYvu444Sp: l.chroma_x_shift = 0; l.chroma_y_shift = 0; l.v_first = true; break;
    case PixelFormat::kYuv440Sp: l.chroma_x_shift = 0; break;
    case PixelFormat::kYvu440Sp: l.chroma_x_shift = 0; l.v_first = true; break;
    default: return false;
  }
  if (layout != nullptr) *layout = l;
  return true;
}

uint32_t PackedBytesPerPixel(PixelFormat f) {
  switch (f) {
    case PixelFormat::kYuyv422:
    case PixelFormat::kUyvy422:
    case PixelFormat::kYvyu422:
    case PixelFormat::kVyuy422:
      return 2;
    case PixelFormat::kYuv444Packed:
    case PixelFormat::kRgb888:
    case PixelFormat::kBgr888:
      return 3;
    case PixelFormat::kArgb8888:
    case PixelFormat::kAbgr8888:
    case PixelFormat::kRgba8888:
    case PixelFormat::kBgra8888:
      return 4;
    default:
      return 0;
  }
}

uint64_t PictureBytes(PixelFormat f, uint64_t ws, uint64_t hs) {
  switch (f) {
    case PixelFormat::kYuv400:
    case PixelFormat::kNv12:
    case PixelFormat::kNv21:
      return ws * hs * 3 / 2;
    case PixelFormat::kYuv422Sp:
    case PixelFormat::kYvu422Sp:
    case PixelFormat::kYuv440Sp:
    case PixelFormat::kYvu440Sp:
      return ws * hs * 2;
    case PixelFormat::kYuv444Sp:
    case PixelFormat::kYvu444Sp:
      return ws * hs * 3;
    default:
      return PackedBytesPerPixel(f) != 0 ? ws * hs : 0;
  }
}

}  // namespace openacl::media
