#include "media/planes.h"

#include <libyuv/planar_functions.h>
#include <libyuv/rotate.h>
#include <libyuv/scale.h>

#include <cstring>

namespace openacl::media {

void OrientPlane(const Plane& src, int orientation, OwnedPlane* out) {
  bool swap = orientation >= 5;
  int w = swap ? src.height : src.width;
  int h = swap ? src.width : src.height;
  *out = OwnedPlane(w, h);
  Plane dst = out->view();
  libyuv::RotationMode rot = libyuv::kRotate0;
  bool mirror = false;
  switch (orientation) {
    case 2: mirror = true; break;
    case 3: rot = libyuv::kRotate180; break;
    case 4: rot = libyuv::kRotate180; mirror = true; break;
    case 5: rot = libyuv::kRotate90; mirror = true; break;
    case 6: rot = libyuv::kRotate90; break;
    case 7: rot = libyuv::kRotate270; mirror = true; break;
    case 8: rot = libyuv::kRotate270; break;
    default: break;
  }
  if (!mirror) {
    libyuv::RotatePlane(src.data, src.stride, dst.data, dst.stride, src.width, src.height, rot);
    return;
  }
  OwnedPlane rotated(w, h);
  Plane r = rotated.view();
  libyuv::RotatePlane(src.data, src.stride, r.data, r.stride, src.width, src.height, rot);
  libyuv::MirrorPlane(r.data, r.stride, dst.data, dst.stride, w, h);
}

void ResamplePlane(const Plane& src, const Plane& dst, bool nearest) {
  // Equal grids (the source may carry one extra column/row for an odd picture size): copy.
  bool same_w = src.width == dst.width || src.width == dst.width + 1;
  bool same_h = src.height == dst.height || src.height == dst.height + 1;
  if (same_w && same_h) {
    CopyPlaneInto(src, dst.data, dst.stride, dst.width, dst.height);
    return;
  }
  libyuv::FilterMode mode = nearest ? libyuv::kFilterNone : libyuv::kFilterBilinear;
  if (!nearest && src.width >= 2 * dst.width && src.height >= 2 * dst.height) mode = libyuv::kFilterBox;
  libyuv::ScalePlane(src.data, src.stride, src.width, src.height, dst.data, dst.stride, dst.width,
                     dst.height, mode);
}

void CopyPlaneInto(const Plane& src, uint8_t* dst, int dst_stride, int width, int height) {
  for (int y = 0; y < height; ++y) {
    std::memcpy(dst + static_cast<size_t>(y) * dst_stride, src.data + static_cast<size_t>(y) * src.stride,
                static_cast<size_t>(width));
  }
}

Status WriteSemiPlanarChroma(const Plane* u, const Plane* v, const Picture& out,
                             uint32_t out_width, uint32_t out_height) {
  SemiPlanarLayout layout;
  if (!IsSemiPlanar(out.format, &layout) && out.format != PixelFormat::kYuv400) {
    return Internal("WriteSemiPlanarChroma: " + PixelFormatName(out.format) + " is not semi-planar");
  }
  int cw = static_cast<int>(out_width >> layout.chroma_x_shift);
  int ch = static_cast<int>(out_height >> layout.chroma_y_shift);
  int row_bytes_stride = static_cast<int>(out.width_stride) << (layout.chroma_x_shift == 0 ? 1 : 0);
  uint8_t* chroma = out.data + static_cast<size_t>(out.width_stride) * out.height_stride;
  if (u == nullptr) {
    for (int y = 0; y < ch; ++y) std::memset(chroma + static_cast<size_t>(y) * row_bytes_stride, 0x80, cw * 2);
    return Status::Ok();
  }
  OwnedPlane ru(cw, ch), rv(cw, ch);
  Plane pu = ru.view(), pv = rv.view();
  ResamplePlane(*u, pu);
  ResamplePlane(*v, pv);
  const Plane& first = layout.v_first ? pv : pu;
  const Plane& second = layout.v_first ? pu : pv;
  libyuv::MergeUVPlane(first.data, first.stride, second.data, second.stride, chroma, row_bytes_stride, cw, ch);
  return Status::Ok();
}

}  // namespace openacl::media
