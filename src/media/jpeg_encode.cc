#include "media/jpeg_encode.h"

#include <libyuv/convert.h>
#include <libyuv/planar_functions.h>
#include <turbojpeg.h>

#include <cstring>
#include <string>
#include <vector>

#include "media/turbojpeg_handle.h"

namespace openacl::media {
namespace {

bool IsPacked422(PixelFormat f) {
  return f == PixelFormat::kYuyv422 || f == PixelFormat::kUyvy422 || f == PixelFormat::kYvyu422 ||
         f == PixelFormat::kVyuy422;
}

std::string U(uint32_t v) { return std::to_string(v); }

}  // namespace

Status CheckJpegEncodeInput(const Picture& in) {
  bool yuv420 = in.format == PixelFormat::kNv12 || in.format == PixelFormat::kNv21;
  if (!yuv420 && !IsPacked422(in.format)) {
    return Status(StatusCode::kFormatNotMatch,
                  "inputDesc format " + PixelFormatName(in.format) +
                      " is not a JPEGE input format (YUV420SP NV12/NV21 or YUYV/UYVY/YVYU/VYUY packed 422)");
  }
  if (in.width < 32 || in.width > 8192) return InvalidParam("inputDesc width " + U(in.width) + " is outside 32..8192");
  if (in.height < 32 || in.height > 8192) return InvalidParam("inputDesc height " + U(in.height) + " is outside 32..8192");
  if (in.width % 2 != 0) return InvalidParam("inputDesc width " + U(in.width) + " must be even for JPEGE");
  if (yuv420 && in.height % 2 != 0) return InvalidParam("inputDesc height " + U(in.height) + " must be even for YUV420SP");
  uint32_t row = yuv420 ? in.width : in.width * 2;
  if (yuv420) {
    if (in.width_stride % 16 != 0 || in.width_stride < row) {
      return InvalidParam("inputDesc widthStride " + U(in.width_stride) +
                          " must be a multiple of 16 and >= width " + U(in.width));
    }
  } else if (in.width_stride != AlignUp(row, 16)) {
    return InvalidParam("inputDesc widthStride " + U(in.width_stride) + " must be align16(width*2) = " +
                        U(static_cast<uint32_t>(AlignUp(row, 16))) + " for packed YUV422");
  }
  if (in.height_stride != in.height && in.height_stride != AlignUp(in.height, 16)) {
    return InvalidParam("inputDesc heightStride " + U(in.height_stride) + " must equal height " + U(in.height) +
                        " or align16(height) = " + U(static_cast<uint32_t>(AlignUp(in.height, 16))));
  }
  return Status::Ok();
}

Result<uint32_t> PredictJpegEncodeSize(const Picture& in) {
  RETURN_IF_ERROR(CheckJpegEncodeInput(in));
  uint64_t bytes = PictureBytes(in.format, in.width_stride, in.height_stride) + 640 + 128;
  return static_cast<uint32_t>(AlignUp(bytes, 2u << 20));
}

Result<uint32_t> EncodeJpeg(const Picture& in, uint32_t level, uint8_t* out, uint32_t capacity) {
  RETURN_IF_ERROR(CheckJpegEncodeInput(in));
  if (level > 100) return InvalidParam("jpege level " + U(level) + " is outside 0..100");
  uint64_t need = PictureBytes(in.format, in.width_stride, in.height_stride);
  if (in.size < need) {
    return InvalidParam("inputDesc size " + std::to_string(in.size) + " is smaller than the " +
                        std::to_string(need) + " bytes its format and strides need");
  }
  int w = static_cast<int>(in.width), h = static_cast<int>(in.height);
  bool yuv420 = in.format == PixelFormat::kNv12 || in.format == PixelFormat::kNv21;
  int cw = w / 2, ch = yuv420 ? h / 2 : h;
  std::vector<uint8_t> u(static_cast<size_t>(cw) * ch), v(u.size());
  std::vector<uint8_t> y_packed;
  const uint8_t* y_plane = in.data;
  int y_stride = static_cast<int>(in.width_stride);
  bool swap_uv = in.format == PixelFormat::kNv21 || in.format == PixelFormat::kYvyu422 ||
                 in.format == PixelFormat::kVyuy422;
  if (yuv420) {
    const uint8_t* uv = in.data + static_cast<size_t>(in.width_stride) * in.height_stride;
    libyuv::SplitUVPlane(uv, y_stride, swap_uv ? v.data() : u.data(), cw, swap_uv ? u.data() : v.data(), cw, cw, ch);
  } else {
    y_packed.resize(static_cast<size_t>(w) * h);
    y_plane = y_packed.data();
    y_stride = w;
    bool yuyv_order = in.format == PixelFormat::kYuyv422 || in.format == PixelFormat::kYvyu422;
    uint8_t* uo = swap_uv ? v.data() : u.data();
    uint8_t* vo = swap_uv ? u.data() : v.data();
    int r = yuyv_order ? libyuv::YUY2ToI422(in.data, static_cast<int>(in.width_stride), y_packed.data(), w,
                                            uo, cw, vo, cw, w, h)
                       : libyuv::UYVYToI422(in.data, static_cast<int>(in.width_stride), y_packed.data(), w,
                                            uo, cw, vo, cw, w, h);
    if (r != 0) return Internal("packed YUV422 split failed");
  }
  TurboJpegHandle handle(TurboJpegHandle::kCompress);
  if (!handle) return Status(StatusCode::kBadAlloc, "tjInitCompress failed");
  const unsigned char* planes[3] = {y_plane, u.data(), v.data()};
  int strides[3] = {y_stride, cw, cw};
  unsigned char* jpeg = nullptr;
  unsigned long jpeg_size = 0;
  int quality = level == 0 ? 100 : static_cast<int>(level);
  if (tjCompressFromYUVPlanes(handle.get(), planes, w, strides, h, yuv420 ? TJSAMP_420 : TJSAMP_422, &jpeg,
                              &jpeg_size, quality, 0) != 0) {
    if (jpeg) tjFree(jpeg);
    return Internal(std::string("JPEG encode failed: ") + tjGetErrorStr2(handle.get()));
  }
  if (jpeg_size > capacity) {
    tjFree(jpeg);
    return InvalidParam("the JPEG needs " + std::to_string(jpeg_size) + " bytes but *size gives " + U(capacity) +
                        " (acldvppJpegPredictEncSize)");
  }
  std::memcpy(out, jpeg, jpeg_size);
  tjFree(jpeg);
  return static_cast<uint32_t>(jpeg_size);
}

}  // namespace openacl::media
