#include "media/media_test_util.h"

#include <turbojpeg.h>

#include <algorithm>
#include <stdexcept>

namespace openacl_media_test {

std::vector<uint8_t> MakeRgb(int w, int h, int seed) {
  std::vector<uint8_t> rgb(size_t(w) * h * 3);
  uint32_t state = 12345u + seed;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      state = state * 1664525u + 1013904223u;
      int noise = static_cast<int>((state >> 28) & 7) - 3;
      uint8_t* p = &rgb[(size_t(y) * w + x) * 3];
      auto clamp = [](int v) { return static_cast<uint8_t>(v < 0 ? 0 : v > 255 ? 255 : v); };
      p[0] = clamp(x * 255 / w + noise);
      p[1] = clamp(y * 255 / h + noise);
      p[2] = clamp(128 + (x - y) * 64 / (w + h) + noise);
    }
  }
  return rgb;
}

std::vector<uint8_t> EncodeRgbJpeg(const std::vector<uint8_t>& rgb, int w, int h, int tj_subsamp, int quality) {
  tjhandle tj = tjInitCompress();
  unsigned char* buf = nullptr;
  unsigned long size = 0;
  int pf = tj_subsamp == TJSAMP_GRAY ? TJPF_RGB : TJPF_RGB;
  if (tjCompress2(tj, rgb.data(), w, w * 3, h, pf, &buf, &size, tj_subsamp, quality, 0) != 0) {
    throw std::runtime_error(tjGetErrorStr2(tj));
  }
  std::vector<uint8_t> out(buf, buf + size);
  tjFree(buf);
  tjDestroy(tj);
  return out;
}

YuvPlanes ReferenceYuv(const std::vector<uint8_t>& jpeg) {
  tjhandle tj = tjInitDecompress();
  int w, h, ss, cs;
  tjDecompressHeader3(tj, jpeg.data(), jpeg.size(), &w, &h, &ss, &cs);
  YuvPlanes p;
  p.w = w;
  p.h = h;
  int yw = tjPlaneWidth(0, w, ss), yh = tjPlaneHeight(0, h, ss);
  std::vector<uint8_t> padded(size_t(yw) * yh);
  unsigned char* planes[3] = {padded.data(), nullptr, nullptr};
  int strides[3] = {yw, 0, 0};
  if (ss != TJSAMP_GRAY) {
    p.cw = tjPlaneWidth(1, w, ss);
    p.ch = tjPlaneHeight(1, h, ss);
    p.u.resize(size_t(p.cw) * p.ch);
    p.v.resize(p.u.size());
    planes[1] = p.u.data();
    planes[2] = p.v.data();
    strides[1] = strides[2] = p.cw;
  }
  if (tjDecompressToYUVPlanes(tj, jpeg.data(), jpeg.size(), planes, w, strides, h, 0) != 0) {
    throw std::runtime_error(tjGetErrorStr2(tj));
  }
  tjDestroy(tj);
  p.y.resize(size_t(w) * h);
  for (int r = 0; r < h; ++r) std::copy(padded.begin() + size_t(r) * yw, padded.begin() + size_t(r) * yw + w, p.y.begin() + size_t(r) * w);
  return p;
}

std::vector<uint8_t> WithExifOrientation(const std::vector<uint8_t>& jpeg, int o) {
  // APP1: "Exif\0\0" + big-endian TIFF header + IFD0 with one SHORT entry 0x0112.
  std::vector<uint8_t> tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1,
                               0, static_cast<uint8_t>(o), 0, 0, 0, 0, 0, 0};
  std::vector<uint8_t> payload = {'E', 'x', 'i', 'f', 0, 0};
  payload.insert(payload.end(), tiff.begin(), tiff.end());
  size_t len = payload.size() + 2;
  std::vector<uint8_t> out(jpeg.begin(), jpeg.begin() + 2);
  out.push_back(0xFF);
  out.push_back(0xE1);
  out.push_back(static_cast<uint8_t>(len >> 8));
  out.push_back(static_cast<uint8_t>(len & 0xFF));
  out.insert(out.end(), payload.begin(), payload.end());
  out.insert(out.end(), jpeg.begin() + 2, jpeg.end());
  return out;
}

}  // namespace openacl_media_test
