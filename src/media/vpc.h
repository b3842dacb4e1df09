// VPC (vision pre-processing core) on the CPU: crop a region, scale it, convert the format and
// write it into a rectangle of the output picture. Every DVPP resize / crop / crop-and-paste /
// batch variant is one call of CropResizePaste; ConvertColor changes the format only.
#pragma once

#include "base/status.h"
#include "media/picture.h"

namespace openacl::media {

enum class ResizeFilter { kBilinear, kNearest };

// The 310 rules (dvpp-api.md §4, §5.8). Each returns kFormatNotMatch for a format outside the
// function's set and kInvalidParam naming the field for geometry. `role` names the descriptor
// in messages ("inputDesc", "outputDesc", "dst picture 3").
Status CheckVpcInputPicture(const Picture& in, const char* role);
Status CheckVpcOutputPicture(const Picture& out, const char* role);
// Crop ROI: left/top even, right/bottom odd, 10x6 .. 4096x4096, inside the input picture.
Status CheckCropRoi(const Roi& crop, const Picture& in, const char* role);
// Paste ROI: same parity, left a multiple of 16, inside the output picture.
Status CheckPasteRoi(const Roi& paste, const Picture& out, const char* role);
// Scale ratio output/input in [1/32, 16] on each axis.
Status CheckScaleRatio(uint32_t in_w, uint32_t in_h, uint32_t out_w, uint32_t out_h, const char* role);

// Crops `crop` out of `in`, scales it to the paste rectangle and writes it there (only there).
Status CropResizePaste(const Picture& in, const Roi& crop, const Picture& out, const Roi& paste,
                       ResizeFilter filter);

// Format conversion at the same size (out.width/height 0 means "same as in").
Status CheckConvertColor(const Picture& in, const Picture& out);
Status ConvertColor(const Picture& in, const Picture& out);

}  // namespace openacl::media
