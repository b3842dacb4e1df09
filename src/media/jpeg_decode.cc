#include "media/jpeg_decode.h"

#include <turbojpeg.h>

#include <string>
#include <vector>

#include "media/planes.h"
#include "media/turbojpeg_handle.h"

namespace openacl::media {
namespace {

PixelFormat SourceLayoutVuFirst(JpegSubsampling s) {
  switch (s) {
    case JpegSubsampling::k444: return PixelFormat::kYvu444Sp;
    case JpegSubsampling::k422: return PixelFormat::kYvu422Sp;
    case JpegSubsampling::k440: return PixelFormat::kYvu440Sp;
    default: return PixelFormat::kNv21;  // 420, gray, 411 and the rest
  }
}

bool LayoutMatchesSource(PixelFormat f, JpegSubsampling s) {
  switch (f) {
    case PixelFormat::kYuv444Sp:
    case PixelFormat::kYvu444Sp:
      return s == JpegSubsampling::k444 || s == JpegSubsampling::kGray;
    case PixelFormat::kYuv422Sp:
    case PixelFormat::kYvu422Sp:
      return s == JpegSubsampling::k422 || s == JpegSubsampling::kGray;
    case PixelFormat::kYuv440Sp:
    case PixelFormat::kYvu440Sp:
      return s == JpegSubsampling::k440 || s == JpegSubsampling::kGray;
    default:
      return false;
  }
}

std::string Dims(uint32_t w, uint32_t h) { return std::to_string(w) + "x" + std::to_string(h); }

}  // namespace

Result<PixelFormat> JpegOutputFormat(const JpegInfo& info, PixelFormat requested) {
  if (info.colorspace == JpegColorspace::kCmyk || info.colorspace == JpegColorspace::kYcck) {
    return Status(StatusCode::kFormatNotMatch,
                  "JPEG colour space is CMYK/YCCK; JPEGD decodes YCbCr and grayscale JPEGs only");
  }
  switch (requested) {
    case PixelFormat::kNv12:
    case PixelFormat::kNv21:
      return requested;
    case PixelFormat::kUnknown:
      return SourceLayoutVuFirst(info.subsampling);
    case PixelFormat::kYuv422Sp:
    case PixelFormat::kYvu422Sp:
    case PixelFormat::kYuv444Sp:
    case PixelFormat::kYvu444Sp:
    case PixelFormat::kYuv440Sp:
    case PixelFormat::kYvu440Sp:
      if (info.orientation >= 5 && info.subsampling != JpegSubsampling::kGray &&
          requested != PixelFormat::kYuv444Sp && requested != PixelFormat::kYvu444Sp) {
        return Status(StatusCode::kFormatNotMatch,
                      "output format " + PixelFormatName(requested) +
                          " cannot hold this JPEG after its EXIF rotation (orientation " +
                          std::to_string(info.orientation) + "); use a YUV420SP format");
      }
      if (!LayoutMatchesSource(requested, info.subsampling)) {
        return Status(StatusCode::kFormatNotMatch,
                      "output format " + PixelFormatName(requested) +
                          " does not match the JPEG's chroma subsampling (ACL_JPEG_CSS_" +
                          std::to_string(static_cast<int>(info.subsampling)) +
                          "); JPEGD converts only to YUV420SP");
      }
      return requested;
    default:
      return Status(StatusCode::kFormatNotMatch,
                    "output format " + PixelFormatName(requested) +
                        " is not a JPEGD output format (YUV420SP NV12/NV21, YUV/YVU 422SP, "
                        "444SP, 440SP, or PIXEL_FORMAT_UNKNOWN)");
  }
}

Result<Picture> JpegOutputGeometry(const JpegInfo& info, PixelFormat format,
                                   const JpegDecodeProfile& profile) {
  if (info.width < profile.min_side || info.height < profile.min_side ||
      info.width > profile.max_side || info.height > profile.max_side) {
    return InvalidParam("JPEG size " + Dims(info.width, info.height) + " is outside JPEGD's " +
                        Dims(profile.min_side, profile.min_side) + " .. " +
                        Dims(profile.max_side, profile.max_side));
  }
  SemiPlanarLayout layout;
  IsSemiPlanar(format, &layout);
  Picture p;
  p.format = format;
  p.width = layout.chroma_x_shift ? (info.width & ~1u) : info.width;
  p.height = layout.chroma_y_shift ? (info.height & ~1u) : info.height;
  p.width_stride = static_cast<uint32_t>(AlignUp(info.width, profile.width_align));
  p.height_stride = static_cast<uint32_t>(AlignUp(info.height, profile.height_align));
  p.size = PictureBytes(format, p.width_stride, p.height_stride);
  return p;
}

Result<Picture> DecodeJpeg(const uint8_t* data, size_t size, PixelFormat requested, uint8_t* out,
                           uint64_t out_size, const JpegDecodeProfile& profile) {
  ASSIGN_OR_RETURN(JpegInfo info, ReadJpegInfo(data, size));
  ASSIGN_OR_RETURN(PixelFormat format, JpegOutputFormat(info, requested));
  ASSIGN_OR_RETURN(Picture geo, JpegOutputGeometry(info, format, profile));
  if (out == nullptr) return InvalidParam("output buffer is null");
  if (out_size < geo.size) {
    return InvalidParam("output buffer of " + std::to_string(out_size) + " bytes is too small: " +
                        PixelFormatName(format) + " " + Dims(geo.width, geo.height) + " with strides " +
                        Dims(geo.width_stride, geo.height_stride) + " needs " + std::to_string(geo.size) +
                        " bytes (acldvppJpegPredictDecSize)");
  }
  geo.data = out;
  geo.size = out_size;

  TurboJpegHandle handle(TurboJpegHandle::kDecompress);
  if (!handle) return Status(StatusCode::kBadAlloc, "tjInitDecompress failed");
  int w = static_cast<int>(info.coded_width), h = static_cast<int>(info.coded_height);
  int subsamp = -1, dummy_w = 0, dummy_h = 0, cs = 0;
  if (tjDecompressHeader3(handle.get(), data, static_cast<unsigned long>(size), &dummy_w, &dummy_h,
                          &subsamp, &cs) != 0) {
    return Status(StatusCode::kFailure, std::string("JPEG header: ") + tjGetErrorStr2(handle.get()));
  }
  bool gray = subsamp == TJSAMP_GRAY;
  bool in_place = info.orientation == 1;
  // Y decodes straight into the output when no rotation is needed.
  // TurboJPEG writes whole MCU rows/columns: planes are padded (tjPlaneWidth/Height >= w, h).
  int yw = tjPlaneWidth(0, w, subsamp), yh = tjPlaneHeight(0, h, subsamp);
  if (yw < w || yh < h || static_cast<uint32_t>(yw) > geo.width_stride || static_cast<uint32_t>(yh) > geo.height_stride) {
    return Status(StatusCode::kFailure, "JPEG plane geometry " + Dims(yw, yh) + " does not fit the output");
  }
  OwnedPlane y_tmp;
  Plane y{out, static_cast<int>(geo.width_stride), w, h};
  if (!in_place) {
    y_tmp = OwnedPlane(yw, yh);
    y = y_tmp.view();
    y.width = w;
    y.height = h;
  }
  int cw = gray ? 0 : tjPlaneWidth(1, w, subsamp);
  int ch = gray ? 0 : tjPlaneHeight(1, h, subsamp);
  OwnedPlane u_tmp(cw, ch), v_tmp(cw, ch);
  Plane u = u_tmp.view(), v = v_tmp.view();
  unsigned char* planes[3] = {y.data, u.data, v.data};
  int strides[3] = {y.stride, cw, cw};
  int flags = TJFLAG_LIMITSCANS | TJFLAG_STOPONWARNING;
  if (tjDecompressToYUVPlanes(handle.get(), data, static_cast<unsigned long>(size), planes, w, strides,
                              h, flags) != 0) {
    return Status(StatusCode::kFailure, std::string("JPEG decode failed: ") + tjGetErrorStr2(handle.get()));
  }
  if (!in_place) {
    OwnedPlane yo;
    OrientPlane(y, info.orientation, &yo);
    Plane yv = yo.view();
    CopyPlaneInto(yv, out, static_cast<int>(geo.width_stride), static_cast<int>(geo.width),
                  static_cast<int>(geo.height));
    if (!gray) {
      // Chroma goes to full resolution first so that rotation keeps it aligned with luma.
      OwnedPlane uf(w, h), vf(w, h), uo, vo;
      Plane ufv = uf.view(), vfv = vf.view();
      ResamplePlane(u, ufv);
      ResamplePlane(v, vfv);
      OrientPlane(ufv, info.orientation, &uo);
      OrientPlane(vfv, info.orientation, &vo);
      Plane uov = uo.view(), vov = vo.view();
      RETURN_IF_ERROR(WriteSemiPlanarChroma(&uov, &vov, geo, geo.width, geo.height));
      return geo;
    }
  }
  RETURN_IF_ERROR(gray ? WriteSemiPlanarChroma(nullptr, nullptr, geo, geo.width, geo.height)
                       : WriteSemiPlanarChroma(&u, &v, geo, geo.width, geo.height));
  return geo;
}

}  // namespace openacl::media
