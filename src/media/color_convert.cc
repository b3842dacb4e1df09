// VPC ConvertColor: format conversion at the same size through libyuv's ARGB, BT.601 full range
// (the channel's default CSC matrix ACL_DVPP_CSC_MATRIX_BT601_WIDE).
#include <libyuv/convert.h>
#include <libyuv/convert_argb.h>
#include <libyuv/convert_from_argb.h>
#include <libyuv/planar_functions.h>

#include <string>
#include <vector>

#include "media/planes.h"
#include "media/vpc.h"

namespace openacl::media {
namespace {

bool ConvertibleInput(PixelFormat f) {
  switch (f) {
    case PixelFormat::kYuv400: case PixelFormat::kNv12: case PixelFormat::kNv21:
    case PixelFormat::kRgb888: case PixelFormat::kBgr888: case PixelFormat::kArgb8888:
    case PixelFormat::kAbgr8888: case PixelFormat::kRgba8888: case PixelFormat::kBgra8888:
      return true;
    default:
      return false;
  }
}

std::string U(uint64_t v) { return std::to_string(v); }

Status ToArgb(const Picture& in, std::vector<uint8_t>* argb) {
  int w = static_cast<int>(in.width), h = static_cast<int>(in.height), ws = static_cast<int>(in.width_stride);
  argb->resize(size_t(w) * h * 4);
  uint8_t* d = argb->data();
  int ds = w * 4;
  const uint8_t* uv = in.data + size_t(ws) * in.height_stride;
  switch (in.format) {
    case PixelFormat::kYuv400: return libyuv::J400ToARGB(in.data, ws, d, ds, w, h) == 0 ? Status::Ok() : Internal("J400ToARGB");
    case PixelFormat::kNv12:
      libyuv::NV12ToARGBMatrix(in.data, ws, uv, ws, d, ds, &libyuv::kYuvJPEGConstants, w, h);
      return Status::Ok();
    case PixelFormat::kNv21:
      libyuv::NV21ToARGBMatrix(in.data, ws, uv, ws, d, ds, &libyuv::kYuvJPEGConstants, w, h);
      return Status::Ok();
    case PixelFormat::kRgb888: libyuv::RAWToARGB(in.data, ws, d, ds, w, h); return Status::Ok();
    case PixelFormat::kBgr888: libyuv::RGB24ToARGB(in.data, ws, d, ds, w, h); return Status::Ok();
    case PixelFormat::kBgra8888: libyuv::ARGBCopy(in.data, ws, d, ds, w, h); return Status::Ok();
    case PixelFormat::kRgba8888: libyuv::ABGRToARGB(in.data, ws, d, ds, w, h); return Status::Ok();
    case PixelFormat::kArgb8888: libyuv::BGRAToARGB(in.data, ws, d, ds, w, h); return Status::Ok();
    case PixelFormat::kAbgr8888: libyuv::RGBAToARGB(in.data, ws, d, ds, w, h); return Status::Ok();
    default: return Internal("ToArgb: unexpected format");
  }
}

Status FromArgb(const std::vector<uint8_t>& argb, const Picture& out) {
  int w = static_cast<int>(out.width), h = static_cast<int>(out.height), ws = static_cast<int>(out.width_stride);
  const uint8_t* s = argb.data();
  int ss = w * 4;
  uint8_t* d = out.data;
  switch (out.format) {
    case PixelFormat::kYuv400: libyuv::ARGBToJ400(s, ss, d, ws, w, h); return Status::Ok();
    case PixelFormat::kNv12:
    case PixelFormat::kNv21: {
      int cw = (w + 1) / 2, ch = (h + 1) / 2;
      OwnedPlane u(cw, ch), v(cw, ch);
      Plane pu = u.view(), pv = v.view();
      libyuv::ARGBToJ420(s, ss, d, ws, pu.data, pu.stride, pv.data, pv.stride, w, h);
      bool vf = out.format == PixelFormat::kNv21;
      uint8_t* uv = d + size_t(ws) * out.height_stride;
      libyuv::MergeUVPlane(vf ? pv.data : pu.data, cw, vf ? pu.data : pv.data, cw, uv, ws, w / 2, h / 2);
      return Status::Ok();
    }
    case PixelFormat::kRgb888: libyuv::ARGBToRAW(s, ss, d, ws, w, h); return Status::Ok();
    case PixelFormat::kBgr888: libyuv::ARGBToRGB24(s, ss, d, ws, w, h); return Status::Ok();
    case PixelFormat::kBgra8888: libyuv::ARGBCopy(s, ss, d, ws, w, h); return Status::Ok();
    case PixelFormat::kRgba8888: libyuv::ARGBToABGR(s, ss, d, ws, w, h); return Status::Ok();
    case PixelFormat::kArgb8888: libyuv::ARGBToBGRA(s, ss, d, ws, w, h); return Status::Ok();
    case PixelFormat::kAbgr8888: libyuv::ARGBToRGBA(s, ss, d, ws, w, h); return Status::Ok();
    default: return Internal("FromArgb: unexpected format");
  }
}

Status CheckPicture(const Picture& p, const char* role) {
  if (p.data == nullptr) return InvalidParam(std::string(role) + " data is null");
  if (p.width == 0 || p.height == 0 || p.width_stride == 0 || p.height_stride == 0) {
    return InvalidParam(std::string(role) + " width, height, widthStride and heightStride must be non-zero (got " +
                        U(p.width) + ", " + U(p.height) + ", " + U(p.width_stride) + ", " + U(p.height_stride) + ")");
  }
  uint32_t bpp = PackedBytesPerPixel(p.format);
  uint64_t row = bpp ? uint64_t{p.width} * bpp : p.width;
  if (p.width_stride < row || p.height_stride < p.height) {
    return InvalidParam(std::string(role) + " strides " + U(p.width_stride) + "x" + U(p.height_stride) +
                        " are smaller than the picture " + U(p.width) + "x" + U(p.height));
  }
  uint64_t need = PictureBytes(p.format, p.width_stride, p.height_stride);
  if (p.size < need) {
    return InvalidParam(std::string(role) + " size " + U(p.size) + " is smaller than the " + U(need) +
                        " bytes its format and strides need");
  }
  return Status::Ok();
}

}  // namespace

Status CheckConvertColor(const Picture& in, const Picture& out) {
  for (const Picture* p : {&in, &out}) {
    if (!ConvertibleInput(p->format)) {
      return Status(StatusCode::kFormatNotMatch,
                    std::string(p == &in ? "inputDesc" : "outputDesc") + " format " + PixelFormatName(p->format) +
                        " is not supported by acldvppVpcConvertColorAsync here (YUV400, NV12, NV21, RGB888, "
                        "BGR888, ARGB/ABGR/RGBA/BGRA8888)");
    }
  }
  RETURN_IF_ERROR(CheckPicture(in, "inputDesc"));
  if (out.width != in.width || out.height != in.height) {
    return InvalidParam("outputDesc width/height " + U(out.width) + "x" + U(out.height) + " must be 0 or equal to " +
                        "the input's " + U(in.width) + "x" + U(in.height));
  }
  return CheckPicture(out, "outputDesc");
}

Status ConvertColor(const Picture& in, const Picture& out) {
  RETURN_IF_ERROR(CheckConvertColor(in, out));
  std::vector<uint8_t> argb;
  RETURN_IF_ERROR(ToArgb(in, &argb));
  return FromArgb(argb, out);
}

}  // namespace openacl::media
