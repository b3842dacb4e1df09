// VPC pixel work: source region -> planar Y/U/V at the source's chroma grid -> scaled into the
// paste rectangle of a YUV420SP output. libyuv does the scaling and conversions.
#include "media/vpc.h"

#include <libyuv/convert.h>
#include <libyuv/convert_argb.h>
#include <libyuv/convert_from_argb.h>
#include <libyuv/planar_functions.h>
#include <libyuv/scale.h>

#include <cstring>
#include <string>
#include <vector>

#include "media/planes.h"

namespace openacl::media {
namespace {

libyuv::FilterMode Mode(ResizeFilter f) {
  return f == ResizeFilter::kNearest ? libyuv::kFilterNone : libyuv::kFilterBilinear;
}

// A region of the source as planar Y + U + V (chroma may be absent = neutral grey).
struct PlanarRegion {
  Plane y;
  Plane u, v;
  bool has_chroma = false;
  OwnedPlane y_own, u_own, v_own;
};

// Packed-RGB-like inputs go through libyuv's ARGB (B,G,R,A in memory).
Status RegionToArgb(const Picture& in, const Roi& r, std::vector<uint8_t>* argb) {
  int w = static_cast<int>(r.width()), h = static_cast<int>(r.height());
  uint32_t bpp = PackedBytesPerPixel(in.format);
  const uint8_t* src = in.data + size_t{r.top} * in.width_stride + size_t{r.left} * bpp;
  int ss = static_cast<int>(in.width_stride);
  argb->resize(size_t(w) * h * 4);
  uint8_t* d = argb->data();
  int ds = w * 4;
  int rc = -1;
  switch (in.format) {
    case PixelFormat::kRgb888: rc = libyuv::RAWToARGB(src, ss, d, ds, w, h); break;
    case PixelFormat::kBgr888: rc = libyuv::RGB24ToARGB(src, ss, d, ds, w, h); break;
    case PixelFormat::kBgra8888: rc = libyuv::ARGBCopy(src, ss, d, ds, w, h); break;
    case PixelFormat::kRgba8888: rc = libyuv::ABGRToARGB(src, ss, d, ds, w, h); break;
    case PixelFormat::kArgb8888: rc = libyuv::BGRAToARGB(src, ss, d, ds, w, h); break;
    case PixelFormat::kAbgr8888: rc = libyuv::RGBAToARGB(src, ss, d, ds, w, h); break;
    default: break;
  }
  if (rc != 0) {
    return Status(StatusCode::kFeatureUnsupported,
                  "reading " + PixelFormatName(in.format) + " input is not supported by this VPC");
  }
  return Status::Ok();
}

Status ReadRegion(const Picture& in, const Roi& r, PlanarRegion* out) {
  int w = static_cast<int>(r.width()), h = static_cast<int>(r.height());
  int ws = static_cast<int>(in.width_stride);
  SemiPlanarLayout layout;
  if (in.format == PixelFormat::kYuv400 || IsSemiPlanar(in.format, &layout)) {
    out->y = Plane{in.data + size_t{r.top} * ws + r.left, ws, w, h};
    if (in.format == PixelFormat::kYuv400) return Status::Ok();
    int xs = static_cast<int>(layout.chroma_x_shift), ys = static_cast<int>(layout.chroma_y_shift);
    int cw = (w + (1 << xs) - 1) >> xs, ch = (h + (1 << ys) - 1) >> ys;
    int cstride = xs == 0 ? 2 * ws : ws;
    const uint8_t* uv = in.data + size_t(ws) * in.height_stride + size_t(r.top >> ys) * cstride + size_t(r.left >> xs) * 2;
    out->u_own = OwnedPlane(cw, ch);
    out->v_own = OwnedPlane(cw, ch);
    out->u = out->u_own.view();
    out->v = out->v_own.view();
    Plane& first = layout.v_first ? out->v : out->u;
    Plane& second = layout.v_first ? out->u : out->v;
    libyuv::SplitUVPlane(uv, cstride, first.data, first.stride, second.data, second.stride, cw, ch);
    out->has_chroma = true;
    return Status::Ok();
  }
  bool yuyv = in.format == PixelFormat::kYuyv422 || in.format == PixelFormat::kYvyu422;
  bool uyvy = in.format == PixelFormat::kUyvy422 || in.format == PixelFormat::kVyuy422;
  if (yuyv || uyvy) {
    uint32_t left = r.left & ~1u;
    const uint8_t* src = in.data + size_t{r.top} * ws + size_t{left} * 2;
    int cw = (w + 1) / 2;
    out->y_own = OwnedPlane(cw * 2, h);
    out->u_own = OwnedPlane(cw, h);
    out->v_own = OwnedPlane(cw, h);
    Plane y = out->y_own.view(), u = out->u_own.view(), v = out->v_own.view();
    bool swap = in.format == PixelFormat::kYvyu422 || in.format == PixelFormat::kVyuy422;
    Plane& pu = swap ? v : u;
    Plane& pv = swap ? u : v;
    int rc = yuyv ? libyuv::YUY2ToI422(src, ws, y.data, y.stride, pu.data, pu.stride, pv.data, pv.stride, cw * 2, h)
                  : libyuv::UYVYToI422(src, ws, y.data, y.stride, pu.data, pu.stride, pv.data, pv.stride, cw * 2, h);
    if (rc != 0) return Internal("packed YUV422 split failed");
    out->y = Plane{y.data, y.stride, w, h};
    out->u = u;
    out->v = v;
    out->has_chroma = true;
    return Status::Ok();
  }
  std::vector<uint8_t> argb;
  RETURN_IF_ERROR(RegionToArgb(in, r, &argb));
  int cw = (w + 1) / 2, ch = (h + 1) / 2;
  out->y_own = OwnedPlane(w, h);
  out->u_own = OwnedPlane(cw, ch);
  out->v_own = OwnedPlane(cw, ch);
  out->y = out->y_own.view();
  out->u = out->u_own.view();
  out->v = out->v_own.view();
  // BT.601 full range (the channel's default CSC matrix, BT601_WIDE).
  libyuv::ARGBToJ420(argb.data(), w * 4, out->y.data, out->y.stride, out->u.data, out->u.stride, out->v.data,
                     out->v.stride, w, h);
  out->has_chroma = true;
  return Status::Ok();
}

}  // namespace

Status CropResizePaste(const Picture& in, const Roi& crop, const Picture& out, const Roi& paste,
                       ResizeFilter filter) {
  if (out.format != PixelFormat::kNv12 && out.format != PixelFormat::kNv21) {
    return Status(StatusCode::kFormatNotMatch, "VPC output must be YUV420SP NV12/NV21");
  }
  int pw = static_cast<int>(paste.width()), ph = static_cast<int>(paste.height());
  int ows = static_cast<int>(out.width_stride);
  uint8_t* dst_y = out.data + size_t{paste.top} * ows + paste.left;
  uint8_t* dst_uv = out.data + size_t(ows) * out.height_stride + size_t{paste.top / 2} * ows + (paste.left & ~1u);
  int pcw = pw / 2, pch = ph / 2;
  libyuv::FilterMode mode = Mode(filter);

  // Chroma is split into U and V and each plane scaled like luma (libyuv's interleaved UVScale
  // rounds differently: up to 3 below cv2's bilinear).
  PlanarRegion region;
  RETURN_IF_ERROR(ReadRegion(in, crop, &region));
  libyuv::ScalePlane(region.y.data, region.y.stride, region.y.width, region.y.height, dst_y, ows, pw, ph, mode);
  if (!region.has_chroma) {
    for (int y = 0; y < pch; ++y) std::memset(dst_uv + size_t(y) * ows, 0x80, size_t(pcw) * 2);
    return Status::Ok();
  }
  OwnedPlane su(pcw, pch), sv(pcw, pch);
  Plane pu = su.view(), pv = sv.view();
  libyuv::ScalePlane(region.u.data, region.u.stride, region.u.width, region.u.height, pu.data, pu.stride, pcw, pch,
                     mode);
  libyuv::ScalePlane(region.v.data, region.v.stride, region.v.width, region.v.height, pv.data, pv.stride, pcw, pch,
                     mode);
  bool v_first = out.format == PixelFormat::kNv21;
  libyuv::MergeUVPlane(v_first ? pv.data : pu.data, pcw, v_first ? pu.data : pv.data, pcw, dst_uv, ows, pcw, pch);
  return Status::Ok();
}

}  // namespace openacl::media
