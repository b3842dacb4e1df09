// Test images made at test time: synthetic RGB pictures and their JPEG encodings (TurboJPEG).
#pragma once

#include <cstdint>
#include <vector>

namespace openacl_media_test {

// A smooth gradient with a little texture, w x h RGB (row-major, 3 bytes per pixel).
std::vector<uint8_t> MakeRgb(int w, int h, int seed = 0);
// JPEG of `rgb` with TurboJPEG subsampling `tj_subsamp` (TJSAMP_*) at `quality`.
std::vector<uint8_t> EncodeRgbJpeg(const std::vector<uint8_t>& rgb, int w, int h, int tj_subsamp, int quality = 90);
// The reference: TurboJPEG's own raw YUV planes (Y, then U, then V) at native subsampling.
struct YuvPlanes {
  std::vector<uint8_t> y, u, v;
  int w = 0, h = 0, cw = 0, ch = 0;
};
YuvPlanes ReferenceYuv(const std::vector<uint8_t>& jpeg);
// Inserts an APP1 EXIF segment carrying orientation `o` after SOI.
std::vector<uint8_t> WithExifOrientation(const std::vector<uint8_t>& jpeg, int o);

}  // namespace openacl_media_test
