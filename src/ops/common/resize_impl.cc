#include "ops/common/resize_impl.h"

#include <algorithm>
#include <cmath>

namespace openacl {

Result<ResizeMode> ParseResizeMode(const Node& node, const std::string& mode) {
  if (mode == "nearest") return ResizeMode::kNearest;
  if (mode == "linear" || mode == "bilinear") return ResizeMode::kLinear;
  if (mode == "cubic" && node.opset >= 11) return ResizeMode::kCubic;
  return Status(StatusCode::kOpAttrNotMatch, node.Describe() + ": unsupported mode '" + mode +
                                                 "' at opset " + std::to_string(node.opset));
}

Result<CoordMode> ParseCoordMode(const Node& node, const std::string& mode) {
  if (mode == "half_pixel") return CoordMode::kHalfPixel;
  if (mode == "pytorch_half_pixel") return CoordMode::kPytorchHalfPixel;
  if (mode == "align_corners") return CoordMode::kAlignCorners;
  if (mode == "asymmetric") return CoordMode::kAsymmetric;
  if (mode == "tf_half_pixel_for_nn") return CoordMode::kTfHalfPixelForNN;
  if (mode == "tf_crop_and_resize") return CoordMode::kTfCropAndResize;
  return Status(StatusCode::kOpAttrNotMatch,
                node.Describe() + ": unsupported coordinate_transformation_mode '" + mode + "'");
}

Result<NearestMode> ParseNearestMode(const Node& node, const std::string& mode) {
  if (mode == "round_prefer_floor") return NearestMode::kRoundPreferFloor;
  if (mode == "round_prefer_ceil") return NearestMode::kRoundPreferCeil;
  if (mode == "floor") return NearestMode::kFloor;
  if (mode == "ceil") return NearestMode::kCeil;
  return Status(StatusCode::kOpAttrNotMatch,
                node.Describe() + ": unsupported nearest_mode '" + mode + "'");
}

namespace {

// Source coordinate of output coordinate x along one dim; sets *outside for tf_crop_and_resize.
// As in the ONNX reference, the resized length is in_len * scale (not rounded) when scales
// were given; with sizes the scale is out/in, so it equals the output dim.
double SourceCoord(const ResizeParams& p, size_t d, int64_t x, int64_t in_len, bool* outside) {
  double s = p.scales[d];
  double out_len = s * in_len;
  *outside = false;
  switch (p.coord) {
    case CoordMode::kHalfPixel:
      return (x + 0.5) / s - 0.5;
    case CoordMode::kPytorchHalfPixel:
      return out_len > 1 ? (x + 0.5) / s - 0.5 : 0.0;
    case CoordMode::kAlignCorners:
      return out_len == 1 ? 0.0 : x * static_cast<double>(in_len - 1) / (out_len - 1);
    case CoordMode::kAsymmetric:
      return x / s;
    case CoordMode::kTfHalfPixelForNN:
      return (x + 0.5) / s;
    case CoordMode::kTfCropAndResize: {
      size_t rank = p.scales.size();
      double start = p.roi[d], end = p.roi[d + rank];
      double v = out_len > 1
                     ? start * (in_len - 1) + x * (end - start) * (in_len - 1) / (out_len - 1)
                     : 0.5 * (start + end) * (in_len - 1);
      *outside = v < 0 || v > in_len - 1;
      return v;
    }
  }
  return 0.0;
}

int64_t NearestIndex(const ResizeParams& p, size_t d, double x) {
  double fl = std::floor(x), frac = x - fl;
  switch (p.nearest) {
    case NearestMode::kRoundPreferFloor:
      return static_cast<int64_t>(frac <= 0.5 ? fl : fl + 1);
    case NearestMode::kRoundPreferCeil:
      return static_cast<int64_t>(frac < 0.5 ? fl : fl + 1);
    case NearestMode::kFloor:
      return static_cast<int64_t>(fl);
    case NearestMode::kCeil:
      return static_cast<int64_t>(std::ceil(x));
    case NearestMode::kSimple:
      return static_cast<int64_t>(p.scales[d] < 1.0 ? std::ceil(x) : std::trunc(x));
  }
  return 0;
}

void CubicCoeffs(double r, double a, double* c) {
  double t = r + 1, u = 1 - r, v = 2 - r;
  c[0] = ((a * t - 5 * a) * t + 8 * a) * t - 4 * a;
  c[1] = ((a + 2) * r - (a + 3)) * r * r + 1;
  c[2] = ((a + 2) * u - (a + 3)) * u * u + 1;
  c[3] = ((a * v - 5 * a) * v + 8 * a) * v - 4 * a;
}

}  // namespace

Status ResizeKernel::Prepare(const Node& node) {
  ASSIGN_OR_RETURN(params_, parse_(node));
  const Shape& in = node.input(0)->shape;
  if (in.size() > kMaxRank || !IsStatic(in))
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": input " + ShapeToString(in) +
                                                 " must be static with rank <= 8");
  std::vector<int64_t> strides = Strides(in);
  dims_.assign(in.size(), {});
  for (size_t d = 0; d < in.size(); ++d) {
    DimTaps& dt = dims_[d];
    int64_t in_len = in[d], out_len = params_.out_shape[d];
    if (in_len == 0 && out_len > 0)
      return Status(StatusCode::kShapeInvalid,
                    node.Describe() + ": cannot resize an empty dim to " + std::to_string(out_len));
    for (int64_t x = 0; x < out_len; ++x) {
      dt.begin.push_back(static_cast<int32_t>(dt.taps.size()));
      bool outside;
      double src = SourceCoord(params_, d, x, in_len, &outside);
      dt.outside.push_back(outside ? 1 : 0);
      if (in_len == 0) continue;
      auto clamp = [&](int64_t i) { return std::clamp<int64_t>(i, 0, in_len - 1); };
      if (params_.mode == ResizeMode::kNearest) {
        dt.taps.push_back({clamp(NearestIndex(params_, d, src)) * strides[d], 1.0});
        continue;
      }
      // Left neighbour i0 with ratio in (0, 1], as the ONNX reference picks neighbours.
      int64_t i0 = static_cast<int64_t>(std::ceil(src)) - 1;
      double r = src - i0;
      int64_t idx[4];
      double w[4];
      int n;
      if (params_.mode == ResizeMode::kLinear) {
        n = 2;
        idx[0] = i0, idx[1] = i0 + 1;
        w[0] = 1 - r, w[1] = r;
      } else {
        n = 4;
        for (int k = 0; k < 4; ++k) idx[k] = i0 - 1 + k;
        CubicCoeffs(r, params_.cubic_a, w);
      }
      if (params_.exclude_outside) {
        double sum = 0;
        for (int k = 0; k < n; ++k) {
          if (idx[k] < 0 || idx[k] >= in_len) w[k] = 0;
          sum += w[k];
        }
        if (sum != 0)
          for (int k = 0; k < n; ++k) w[k] /= sum;
      }
      for (int k = 0; k < n; ++k)
        if (w[k] != 0) dt.taps.push_back({clamp(idx[k]) * strides[d], w[k]});
    }
    dt.begin.push_back(static_cast<int32_t>(dt.taps.size()));
  }
  return Status::Ok();
}

double ResizeKernel::Blend(const void* src, DType dtype, size_t d, const int64_t* coord,
                           int64_t off, double w) const {
  const DimTaps& dt = dims_[d];
  double sum = 0;
  bool last = d + 1 == dims_.size();
  for (int32_t t = dt.begin[coord[d]]; t < dt.begin[coord[d] + 1]; ++t) {
    const Tap& tap = dt.taps[t];
    if (last) {
      sum += w * tap.weight * ReadAsDouble(src, dtype, off + tap.offset);
    } else {
      sum += Blend(src, dtype, d + 1, coord, off + tap.offset, w * tap.weight);
    }
  }
  return sum;
}

Status ResizeKernel::Run(const KernelIO& io) const {
  const TensorRef &x = io.in(0), &y = io.out(0);
  size_t rank = x.rank();
  int64_t n = y.numel();
  size_t es = DTypeSize(x.dtype);
  const uint8_t* src = static_cast<const uint8_t*>(x.data);
  uint8_t* dst = static_cast<uint8_t*>(y.data);
  bool nearest = params_.mode == ResizeMode::kNearest;
  bool integer = !IsFloating(y.dtype);
  int64_t coord[kMaxRank] = {0};
  for (int64_t i = 0; i < n; ++i) {
    bool outside = false;
    for (size_t d = 0; d < rank; ++d) outside |= dims_[d].outside[coord[d]] != 0;
    if (outside) {
      WriteFromDouble(dst, y.dtype, i, params_.extrapolation_value);
    } else if (nearest) {
      int64_t off = 0;
      for (size_t d = 0; d < rank; ++d) off += dims_[d].taps[dims_[d].begin[coord[d]]].offset;
      std::memcpy(dst + i * es, src + off * es, es);
    } else if (rank == 0) {
      std::memcpy(dst, src, es);
    } else {
      double v = Blend(src, x.dtype, 0, coord, 0, 1.0);
      WriteFromDouble(dst, y.dtype, i, integer ? std::nearbyint(v) : v);
    }
    for (size_t d = rank; d-- > 0;) {
      if (++coord[d] < y.dim(d)) break;
      coord[d] = 0;
    }
  }
  return Status::Ok();
}

}  // namespace openacl
