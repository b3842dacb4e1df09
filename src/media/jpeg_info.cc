#include "media/jpeg_info.h"

#include <turbojpeg.h>

#include <memory>
#include <string>

#include "media/turbojpeg_handle.h"

namespace openacl::media {
namespace {

uint32_t Read16(const uint8_t* p, bool big_endian) {
  return big_endian ? (uint32_t{p[0]} << 8 | p[1]) : (uint32_t{p[1]} << 8 | p[0]);
}
uint32_t Read32(const uint8_t* p, bool big_endian) {
  return big_endian ? (Read16(p, true) << 16 | Read16(p + 2, true))
                    : (Read16(p + 2, false) << 16 | Read16(p, false));
}

// Orientation tag inside one APP1 "Exif\0\0" payload (TIFF header + IFD0).
int OrientationFromTiff(const uint8_t* tiff, size_t n) {
  if (n < 8) return 1;
  bool be;
  if (tiff[0] == 'M' && tiff[1] == 'M') {
    be = true;
  } else if (tiff[0] == 'I' && tiff[1] == 'I') {
    be = false;
  } else {
    return 1;
  }
  if (Read16(tiff + 2, be) != 42) return 1;
  uint32_t ifd = Read32(tiff + 4, be);
  if (ifd > n || n - ifd < 2) return 1;
  uint32_t count = Read16(tiff + ifd, be);
  for (uint32_t i = 0; i < count; ++i) {
    size_t entry = size_t{ifd} + 2 + size_t{i} * 12;
    if (entry + 12 > n) return 1;
    if (Read16(tiff + entry, be) == 0x0112) {
      uint32_t v = Read16(tiff + entry + 8, be);
      return (v >= 1 && v <= 8) ? static_cast<int>(v) : 1;
    }
  }
  return 1;
}

}  // namespace

int ReadExifOrientation(const uint8_t* data, size_t size) {
  if (data == nullptr || size < 4 || data[0] != 0xFF || data[1] != 0xD8) return 1;
  size_t pos = 2;
  while (pos + 4 <= size) {
    if (data[pos] != 0xFF) return 1;
    uint8_t marker = data[pos + 1];
    if (marker == 0xFF) {  // fill byte
      ++pos;
      continue;
    }
    if (marker == 0xDA || marker == 0xD9) return 1;  // start of scan / end: no EXIF before it
    size_t len = Read16(data + pos + 2, true);
    if (len < 2 || pos + 2 + len > size) return 1;
    const uint8_t* payload = data + pos + 4;
    size_t payload_len = len - 2;
    if (marker == 0xE1 && payload_len >= 6 && std::string(reinterpret_cast<const char*>(payload), 6) ==
                                                  std::string("Exif\0\0", 6)) {
      return OrientationFromTiff(payload + 6, payload_len - 6);
    }
    pos += 2 + len;
  }
  return 1;
}

Result<JpegInfo> ReadJpegInfo(const uint8_t* data, size_t size) {
  if (data == nullptr) return InvalidParam("data is null");
  if (size == 0) return InvalidParam("size is 0");
  if (size > 0xFFFFFFFFu) return InvalidParam("size exceeds 4 GiB");
  TurboJpegHandle handle(TurboJpegHandle::kDecompress);
  if (!handle) return Status(StatusCode::kBadAlloc, "tjInitDecompress failed");
  int w = 0, h = 0, subsamp = -1, colorspace = -1;
  if (tjDecompressHeader3(handle.get(), data, static_cast<unsigned long>(size), &w, &h, &subsamp,
                          &colorspace) != 0) {
    return Status(StatusCode::kFailure,
                  std::string("not a readable JPEG header: ") + tjGetErrorStr2(handle.get()));
  }
  if (w <= 0 || h <= 0) return Status(StatusCode::kFailure, "JPEG header has a zero dimension");
  JpegInfo info;
  info.coded_width = static_cast<uint32_t>(w);
  info.coded_height = static_cast<uint32_t>(h);
  switch (colorspace) {
    case TJCS_GRAY: info.colorspace = JpegColorspace::kGray; info.components = 1; break;
    case TJCS_CMYK: info.colorspace = JpegColorspace::kCmyk; info.components = 4; break;
    case TJCS_YCCK: info.colorspace = JpegColorspace::kYcck; info.components = 4; break;
    case TJCS_RGB: info.colorspace = JpegColorspace::kRgb; info.components = 3; break;
    default: info.colorspace = JpegColorspace::kYCbCr; info.components = 3; break;
  }
  switch (subsamp) {
    case TJSAMP_444: info.subsampling = JpegSubsampling::k444; break;
    case TJSAMP_422: info.subsampling = JpegSubsampling::k422; break;
    case TJSAMP_420: info.subsampling = JpegSubsampling::k420; break;
    case TJSAMP_GRAY: info.subsampling = JpegSubsampling::kGray; break;
    case TJSAMP_440: info.subsampling = JpegSubsampling::k440; break;
    case TJSAMP_411: info.subsampling = JpegSubsampling::k411; break;
    default: info.subsampling = JpegSubsampling::kUnknown; break;
  }
  if (info.components == 1) info.subsampling = JpegSubsampling::kGray;
  info.orientation = ReadExifOrientation(data, size);
  bool swap = info.orientation >= 5;
  info.width = swap ? info.coded_height : info.coded_width;
  info.height = swap ? info.coded_width : info.coded_height;
  return info;
}

}  // namespace openacl::media
