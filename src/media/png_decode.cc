#include "media/png_decode.h"

#include <png.h>

#include <csetjmp>
#include <cstring>
#include <string>
#include <vector>

namespace openacl::media {
namespace {

constexpr uint32_t kMinSide = 32;
constexpr uint32_t kMaxSide = 4096;

uint32_t Be32(const uint8_t* p) {
  return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | p[3];
}

struct MemoryReader {
  const uint8_t* data;
  size_t size;
  size_t pos;
};

void ReadFromMemory(png_structp png, png_bytep out, png_size_t n) {
  auto* r = static_cast<MemoryReader*>(png_get_io_ptr(png));
  if (n > r->size - r->pos) png_error(png, "PNG data is truncated");
  std::memcpy(out, r->data + r->pos, n);
  r->pos += n;
}

struct ErrorSink {
  std::string message;
};

void OnError(png_structp png, png_const_charp msg) {
  auto* sink = static_cast<ErrorSink*>(png_get_error_ptr(png));
  if (sink != nullptr) sink->message = msg ? msg : "unknown libpng error";
  png_longjmp(png, 1);
}
void OnWarning(png_structp, png_const_charp) {}

}  // namespace

Result<PngInfo> ReadPngInfo(const uint8_t* data, size_t size) {
  if (data == nullptr) return InvalidParam("data is null");
  if (size <= 29) return InvalidParam("PNG data of " + std::to_string(size) + " bytes is too short (needs > 29)");
  if (png_sig_cmp(data, 0, 8) != 0) return InvalidParam("data does not start with the PNG signature");
  if (std::memcmp(data + 12, "IHDR", 4) != 0) return InvalidParam("PNG does not start with an IHDR chunk");
  PngInfo info;
  info.width = Be32(data + 16);
  info.height = Be32(data + 20);
  info.bit_depth = data[24];
  info.color_type = data[25];
  switch (info.color_type) {
    case 0: info.components = 1; break;
    case 4: info.components = 2; break;
    case 2: info.components = 3; break;
    case 6: info.components = 4; break;
    case 3:
      return Status(StatusCode::kFormatNotMatch, "PNG colour type 3 (palette) is not supported by PNGD");
    default:
      return InvalidParam("PNG colour type " + std::to_string(info.color_type) + " is invalid");
  }
  return info;
}

Result<PixelFormat> PngOutputFormat(const PngInfo& info, PixelFormat requested) {
  switch (requested) {
    case PixelFormat::kRgb888:
    case PixelFormat::kRgba8888:
      return requested;
    case PixelFormat::kUnknown:
      return (info.components == 2 || info.components == 4) ? PixelFormat::kRgba8888 : PixelFormat::kRgb888;
    default:
      return Status(StatusCode::kFormatNotMatch, "output format " + PixelFormatName(requested) +
                                                     " is not a PNGD output format (PIXEL_FORMAT_RGB_888, "
                                                     "PIXEL_FORMAT_RGBA_8888 or PIXEL_FORMAT_UNKNOWN)");
  }
}

Result<Picture> PngOutputGeometry(const PngInfo& info, PixelFormat format) {
  if (info.width < kMinSide || info.height < kMinSide || info.width > kMaxSide || info.height > kMaxSide) {
    return InvalidParam("PNG size " + std::to_string(info.width) + "x" + std::to_string(info.height) +
                        " is outside PNGD's 32x32 .. 4096x4096");
  }
  uint32_t bpp = format == PixelFormat::kRgba8888 ? 4 : 3;
  Picture p;
  p.format = format;
  p.width = info.width;
  p.height = info.height;
  p.width_stride = static_cast<uint32_t>(AlignUp(info.width, 128) * bpp);
  p.height_stride = static_cast<uint32_t>(AlignUp(info.height, 16));
  p.size = uint64_t{p.width_stride} * p.height_stride;
  return p;
}

Result<uint32_t> PredictPngDecodeSize(const uint8_t* data, size_t size, PixelFormat requested) {
  ASSIGN_OR_RETURN(PngInfo info, ReadPngInfo(data, size));
  if (requested != PixelFormat::kRgb888 && requested != PixelFormat::kRgba8888 &&
      requested != PixelFormat::kUnknown) {
    RETURN_IF_ERROR(PngOutputFormat(info, requested).status());
  }
  // DVPP's own formula: UNKNOWN reserves 4 channels; 16-bit sources count their bit depth.
  uint32_t channels = requested == PixelFormat::kRgb888 ? 3 : 4;
  ASSIGN_OR_RETURN(Picture geo, PngOutputGeometry(info, channels == 4 ? PixelFormat::kRgba8888 : PixelFormat::kRgb888));
  uint64_t depth = info.bit_depth == 16 ? 16 : 8;
  uint64_t row = (AlignUp(info.width, 128) * depth * channels + 7) >> 3;
  uint64_t bytes = row * geo.height_stride;
  if (bytes > uint64_t{4096} * 4096 * 4 * 2) return InvalidParam("predicted PNG output exceeds 4096*4096*4*2 bytes");
  return static_cast<uint32_t>(bytes);
}

Result<Picture> DecodePng(const uint8_t* data, size_t size, PixelFormat requested, uint8_t* out,
                          uint64_t out_size) {
  ASSIGN_OR_RETURN(PngInfo info, ReadPngInfo(data, size));
  ASSIGN_OR_RETURN(PixelFormat format, PngOutputFormat(info, requested));
  ASSIGN_OR_RETURN(Picture geo, PngOutputGeometry(info, format));
  if (out_size < geo.size) {
    return InvalidParam("output buffer of " + std::to_string(out_size) + " bytes is too small: " +
                        PixelFormatName(format) + " needs " + std::to_string(geo.size) +
                        " bytes (acldvppPngPredictDecSize)");
  }
  ErrorSink sink;
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &sink, OnError, OnWarning);
  if (png == nullptr) return Status(StatusCode::kBadAlloc, "png_create_read_struct failed");
  png_infop pinfo = png_create_info_struct(png);
  if (pinfo == nullptr) {
    png_destroy_read_struct(&png, nullptr, nullptr);
    return Status(StatusCode::kBadAlloc, "png_create_info_struct failed");
  }
  MemoryReader reader{data, size, 0};
  std::vector<png_bytep> rows(geo.height);
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_read_struct(&png, &pinfo, nullptr);
    return Status(StatusCode::kFailure, "PNG decode failed: " + sink.message);
  }
  png_set_read_fn(png, &reader, ReadFromMemory);
  png_set_user_limits(png, kMaxSide, kMaxSide);
  png_set_chunk_malloc_max(png, 8u << 20);  // text/ICC chunk bombs
  png_read_info(png, pinfo);
  if (png_get_image_width(png, pinfo) != geo.width || png_get_image_height(png, pinfo) != geo.height) {
    png_error(png, "IHDR changed while reading");
  }
  int color = png_get_color_type(png, pinfo);
  if (png_get_bit_depth(png, pinfo) == 16) png_set_strip_16(png);
  if (png_get_bit_depth(png, pinfo) < 8) png_set_expand_gray_1_2_4_to_8(png);
  if (png_get_valid(png, pinfo, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(png);
  if (color == PNG_COLOR_TYPE_GRAY || color == PNG_COLOR_TYPE_GRAY_ALPHA) png_set_gray_to_rgb(png);
  bool has_alpha = (color & PNG_COLOR_MASK_ALPHA) != 0 || png_get_valid(png, pinfo, PNG_INFO_tRNS);
  if (format == PixelFormat::kRgb888 && has_alpha) png_set_strip_alpha(png);
  if (format == PixelFormat::kRgba8888 && !has_alpha) png_set_filler(png, 0xFF, PNG_FILLER_AFTER);
  png_set_interlace_handling(png);
  png_read_update_info(png, pinfo);
  size_t row_bytes = png_get_rowbytes(png, pinfo);
  if (row_bytes > geo.width_stride) png_error(png, "decoded row is wider than the output stride");
  for (uint32_t y = 0; y < geo.height; ++y) rows[y] = out + size_t{y} * geo.width_stride;
  png_read_image(png, rows.data());
  png_read_end(png, nullptr);
  png_destroy_read_struct(&png, &pinfo, nullptr);
  geo.data = out;
  geo.size = out_size;
  return geo;
}

}  // namespace openacl::media
