// The interpolation core shared by Resize (opset 10+) and Upsample (opset 7-9): each op parses
// its attributes/inputs into ResizeParams; ResizeKernel precomputes per-dim source taps
// (index, weight) at Prepare and gathers/blends them at Run.
#pragma once

#include <string>
#include <vector>

#include "ops/common/tensor_util.h"

namespace openacl {

enum class ResizeMode { kNearest, kLinear, kCubic };
enum class CoordMode {
  kHalfPixel,
  kPytorchHalfPixel,
  kAlignCorners,
  kAsymmetric,
  kTfHalfPixelForNN,
  kTfCropAndResize
};
// kSimple: the pre-opset-11 behaviour (Upsample, Resize-10), as ONNX Runtime implements it:
// truncate when upsampling, ceil when downsampling.
enum class NearestMode { kRoundPreferFloor, kRoundPreferCeil, kFloor, kCeil, kSimple };

struct ResizeParams {
  ResizeMode mode = ResizeMode::kNearest;
  CoordMode coord = CoordMode::kHalfPixel;
  NearestMode nearest = NearestMode::kRoundPreferFloor;
  double cubic_a = -0.75;
  bool exclude_outside = false;
  double extrapolation_value = 0.0;
  std::vector<double> scales;  // per input dim
  std::vector<double> roi;     // tf_crop_and_resize: [starts..., ends...] per input dim
  Shape out_shape;
};

Result<ResizeMode> ParseResizeMode(const Node& node, const std::string& mode);
Result<CoordMode> ParseCoordMode(const Node& node, const std::string& mode);
Result<NearestMode> ParseNearestMode(const Node& node, const std::string& mode);

using ResizeParseFn = Result<ResizeParams> (*)(const Node& node);

class ResizeKernel : public Kernel {
 public:
  explicit ResizeKernel(ResizeParseFn parse) : parse_(parse) {}
  Status Prepare(const Node& node) override;
  Status Run(const KernelIO& io) const override;

  static constexpr size_t kMaxRank = 8;

 private:
  struct Tap {
    int64_t offset;  // element offset contribution (index * input stride)
    double weight;
  };
  struct DimTaps {
    std::vector<int32_t> begin;  // per output coord: first tap; begin[o+1] - begin[o] taps
    std::vector<Tap> taps;
    std::vector<uint8_t> outside;  // per output coord: tf_crop_and_resize extrapolation
  };
  double Blend(const void* src, DType dtype, size_t d, const int64_t* coord, int64_t off,
               double w) const;

  ResizeParseFn parse_;
  ResizeParams params_;
  std::vector<DimTaps> dims_;
};

}  // namespace openacl
