// Geometry and format rules of VPC, 310 profile.
#include <string>

#include "media/vpc.h"

namespace openacl::media {
namespace {

std::string U(uint64_t v) { return std::to_string(v); }

bool InVpcInputSet(PixelFormat f) {
  if (IsSemiPlanar(f) || f == PixelFormat::kYuv400) return true;
  return PackedBytesPerPixel(f) != 0;
}

// Bytes of one row of `w` pixels in the first plane.
uint64_t RowBytes(PixelFormat f, uint32_t w) {
  uint32_t bpp = PackedBytesPerPixel(f);
  return bpp == 0 ? w : uint64_t{w} * bpp;
}

Status CheckBuffer(const Picture& p, const char* role) {
  if (p.data == nullptr) return InvalidParam(std::string(role) + " data is null");
  if (p.width == 0 || p.height == 0) {
    return InvalidParam(std::string(role) + " width/height " + U(p.width) + "x" + U(p.height) + " must be non-zero");
  }
  uint64_t row = RowBytes(p.format, p.width);
  if (p.width_stride < row) {
    return InvalidParam(std::string(role) + " widthStride " + U(p.width_stride) + " is smaller than a row of " +
                        U(p.width) + " pixels (" + U(row) + " bytes) in " + PixelFormatName(p.format));
  }
  if (p.height_stride < p.height) {
    return InvalidParam(std::string(role) + " heightStride " + U(p.height_stride) + " is smaller than height " +
                        U(p.height));
  }
  uint64_t need = PictureBytes(p.format, p.width_stride, p.height_stride);
  if (p.size < need) {
    return InvalidParam(std::string(role) + " size " + U(p.size) + " is smaller than the " + U(need) + " bytes " +
                        PixelFormatName(p.format) + " with strides " + U(p.width_stride) + "x" +
                        U(p.height_stride) + " needs");
  }
  return Status::Ok();
}

Status CheckRoiShape(const Roi& r, const char* role, const char* what) {
  std::string name = std::string(role) + " " + what;
  if (r.right < r.left || r.bottom < r.top) {
    return InvalidParam(name + " (left " + U(r.left) + ", right " + U(r.right) + ", top " + U(r.top) +
                        ", bottom " + U(r.bottom) + ") is empty: right must be >= left and bottom >= top");
  }
  if (r.left % 2 != 0 || r.top % 2 != 0) {
    return InvalidParam(name + " left " + U(r.left) + " / top " + U(r.top) + " must be even");
  }
  if (r.right % 2 != 1 || r.bottom % 2 != 1) {
    return InvalidParam(name + " right " + U(r.right) + " / bottom " + U(r.bottom) + " must be odd");
  }
  if (r.width() < 10 || r.height() < 6 || r.width() > 4096 || r.height() > 4096) {
    return InvalidParam(name + " size " + U(r.width()) + "x" + U(r.height()) + " is outside 10x6 .. 4096x4096");
  }
  return Status::Ok();
}

}  // namespace

Status CheckVpcInputPicture(const Picture& in, const char* role) {
  if (!InVpcInputSet(in.format)) {
    return Status(StatusCode::kFormatNotMatch,
                  std::string(role) + " format " + PixelFormatName(in.format) + " is not a VPC input format");
  }
  RETURN_IF_ERROR(CheckBuffer(in, role));
  uint32_t w_bytes = in.width_stride / (PackedBytesPerPixel(in.format) ? PackedBytesPerPixel(in.format) : 1);
  if (w_bytes < 32 || w_bytes > 8192 || in.height_stride < 6 || in.height_stride > 8192) {
    return InvalidParam(std::string(role) + " strides " + U(in.width_stride) + "x" + U(in.height_stride) +
                        " are outside VPC's input range (widthStride/bpp 32..4096, 8192 for resize; "
                        "heightStride 6..4096, 8192 for resize)");
  }
  return Status::Ok();
}

Status CheckVpcOutputPicture(const Picture& out, const char* role) {
  if (out.format != PixelFormat::kNv12 && out.format != PixelFormat::kNv21) {
    return Status(StatusCode::kFormatNotMatch,
                  std::string(role) + " format " + PixelFormatName(out.format) +
                      " is not a VPC output format (YUV420SP NV12/NV21 on Ascend310)");
  }
  RETURN_IF_ERROR(CheckBuffer(out, role));
  if (out.width % 2 != 0 || out.height % 2 != 0) {
    return InvalidParam(std::string(role) + " width/height " + U(out.width) + "x" + U(out.height) +
                        " must be even for a YUV420SP VPC output");
  }
  if (out.width_stride % 16 != 0) {
    return InvalidParam(std::string(role) + " widthStride " + U(out.width_stride) + " must be a multiple of 16");
  }
  if (out.height_stride % 2 != 0) {
    return InvalidParam(std::string(role) + " heightStride " + U(out.height_stride) + " must be even");
  }
  if (out.width_stride < 32 || out.width_stride > 4096 || out.height_stride < 6 || out.height_stride > 4096) {
    return InvalidParam(std::string(role) + " strides " + U(out.width_stride) + "x" + U(out.height_stride) +
                        " are outside VPC's output range 32..4096 x 6..4096");
  }
  return Status::Ok();
}

Status CheckCropRoi(const Roi& crop, const Picture& in, const char* role) {
  RETURN_IF_ERROR(CheckRoiShape(crop, role, "crop ROI"));
  // An odd-sized input may be cropped up to its last even-aligned column/row (right = w rounded
  // up to even, minus 1): the padding column exists in the buffer.
  uint32_t max_right = ((in.width + 1) & ~1u) - 1, max_bottom = ((in.height + 1) & ~1u) - 1;
  if (crop.right > max_right || crop.bottom > max_bottom) {
    return InvalidParam(std::string(role) + " crop ROI right " + U(crop.right) + " / bottom " + U(crop.bottom) +
                        " lies outside the input picture " + U(in.width) + "x" + U(in.height));
  }
  return Status::Ok();
}

Status CheckPasteRoi(const Roi& paste, const Picture& out, const char* role) {
  RETURN_IF_ERROR(CheckRoiShape(paste, role, "paste ROI"));
  if (paste.left % 16 != 0) {
    return InvalidParam(std::string(role) + " paste ROI left " + U(paste.left) + " must be a multiple of 16");
  }
  if (paste.right >= out.width || paste.bottom >= out.height) {
    return InvalidParam(std::string(role) + " paste ROI right " + U(paste.right) + " / bottom " + U(paste.bottom) +
                        " lies outside the output picture " + U(out.width) + "x" + U(out.height));
  }
  return Status::Ok();
}

Status CheckScaleRatio(uint32_t in_w, uint32_t in_h, uint32_t out_w, uint32_t out_h, const char* role) {
  auto bad = [](uint32_t i, uint32_t o) { return uint64_t{o} * 32 < i || o > uint64_t{i} * 16; };
  if (bad(in_w, out_w) || bad(in_h, out_h)) {
    return InvalidParam(std::string(role) + " scaling " + U(in_w) + "x" + U(in_h) + " -> " + U(out_w) + "x" +
                        U(out_h) + " is outside VPC's ratio range [1/32, 16] per axis");
  }
  return Status::Ok();
}

}  // namespace openacl::media
