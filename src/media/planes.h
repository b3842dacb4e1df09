// Plane-level helpers shared by the decoders and VPC: owned 8-bit planes, EXIF orientation,
// chroma resampling and writing a planar Y/U/V image into a semi-planar picture.
#pragma once

#include <cstdint>
#include <vector>

#include "base/status.h"
#include "media/picture.h"

namespace openacl::media {

struct Plane {
  uint8_t* data = nullptr;
  int stride = 0;
  int width = 0;
  int height = 0;
};

// A plane with its own storage (rows packed at stride == width).
class OwnedPlane {
 public:
  OwnedPlane() = default;
  OwnedPlane(int width, int height)
      : bytes_(static_cast<size_t>(width) * static_cast<size_t>(height)), width_(width), height_(height) {}
  Plane view() { return Plane{bytes_.data(), width_, width_, height_}; }

 private:
  std::vector<uint8_t> bytes_;
  int width_ = 0;
  int height_ = 0;
};

// Applies EXIF orientation 1..8 to one plane; returns the re-oriented plane in `out`.
void OrientPlane(const Plane& src, int orientation, OwnedPlane* out);

// Resamples src to dst's size: box filter when shrinking by a whole factor, else bilinear;
// plain row copies when the sizes agree (or src is larger by less than one sample).
void ResamplePlane(const Plane& src, const Plane& dst, bool nearest = false);

// Writes planar chroma (u, v at any size; resampled to the picture's chroma grid) into the
// chroma plane of a semi-planar picture; u == nullptr fills neutral grey (0x80).
Status WriteSemiPlanarChroma(const Plane* u, const Plane* v, const Picture& out,
                             uint32_t out_width, uint32_t out_height);

// Copies the visible rows of a Y plane into a picture's luma plane.
void CopyPlaneInto(const Plane& src, uint8_t* dst, int dst_stride, int width, int height);

}  // namespace openacl::media
