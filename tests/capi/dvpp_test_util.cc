#include "dvpp_test_util.h"

#include <turbojpeg.h>

#include <stdexcept>

namespace openacl_test {

std::vector<uint8_t> MakeJpeg(int w, int h, int tj_subsamp) {
  std::vector<uint8_t> rgb(size_t(w) * h * 3);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      uint8_t* p = &rgb[(size_t(y) * w + x) * 3];
      p[0] = static_cast<uint8_t>(x * 255 / w);
      p[1] = static_cast<uint8_t>(y * 255 / h);
      p[2] = static_cast<uint8_t>((x + y) & 0xFF);
    }
  tjhandle tj = tjInitCompress();
  unsigned char* buf = nullptr;
  unsigned long size = 0;
  if (tjCompress2(tj, rgb.data(), w, w * 3, h, TJPF_RGB, &buf, &size, tj_subsamp, 90, 0) != 0) {
    throw std::runtime_error("tjCompress2 failed");
  }
  std::vector<uint8_t> out(buf, buf + size);
  tjFree(buf);
  tjDestroy(tj);
  return out;
}

void* ToDvpp(const std::vector<uint8_t>& bytes) {
  void* p = nullptr;
  if (acldvppMalloc(&p, bytes.size()) != ACL_SUCCESS) return nullptr;
  if (aclrtMemcpy(p, bytes.size(), bytes.data(), bytes.size(), ACL_MEMCPY_HOST_TO_DEVICE) != ACL_SUCCESS) {
    acldvppFree(p);
    return nullptr;
  }
  return p;
}

acldvppPicDesc* MakePic(void* data, uint32_t size, acldvppPixelFormat f, uint32_t w, uint32_t h, uint32_t ws,
                        uint32_t hs) {
  acldvppPicDesc* d = acldvppCreatePicDesc();
  acldvppSetPicDescData(d, data);
  acldvppSetPicDescSize(d, size);
  acldvppSetPicDescFormat(d, f);
  acldvppSetPicDescWidth(d, w);
  acldvppSetPicDescHeight(d, h);
  acldvppSetPicDescWidthStride(d, ws);
  acldvppSetPicDescHeightStride(d, hs);
  return d;
}

std::vector<uint8_t> ToHost(const void* dev, size_t n) {
  std::vector<uint8_t> out(n);
  aclrtMemcpy(out.data(), n, dev, n, ACL_MEMCPY_DEVICE_TO_HOST);
  return out;
}

}  // namespace openacl_test
