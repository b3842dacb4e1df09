// GridSample (opset 16, 4-D): samples X [N, C, H, W] at the normalized locations of
// Grid [N, Ho, Wo, 2] (x, y in [-1, 1]); modes bilinear / nearest / bicubic, padding zeros /
// border / reflection, align_corners. Follows PyTorch's grid_sample, which the ONNX op mirrors.
#include <cmath>
#include <string>

#include "ops/common/shape_util.h"
#include "ops/op_registry.h"

namespace openacl {
namespace {

enum class Pad { kZeros, kBorder, kReflection };

struct Params {
  std::string mode = "bilinear";
  Pad pad = Pad::kZeros;
  bool align = false;
};

Result<Params> ReadParams(const Node& node) {
  Params p;
  p.mode = node.attrs.get_string("mode", "bilinear");
  std::string pad = node.attrs.get_string("padding_mode", "zeros");
  p.align = node.attrs.get_int("align_corners", 0) != 0;
  if (p.mode != "bilinear" && p.mode != "nearest" && p.mode != "bicubic")
    return Unsupported(node.Describe() + ": mode '" + p.mode + "' is not supported");
  if (pad == "zeros")
    p.pad = Pad::kZeros;
  else if (pad == "border")
    p.pad = Pad::kBorder;
  else if (pad == "reflection")
    p.pad = Pad::kReflection;
  else
    return Unsupported(node.Describe() + ": padding_mode '" + pad + "' is not supported");
  return p;
}

Status InferGridSample(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 2));
  const Shape& x = node.input(0)->shape;
  const Shape& g = node.input(1)->shape;
  if (x.size() != 4 || g.size() != 4 || g[3] != 2 || g[0] != x[0])
    return Unsupported(node.Describe() +
                       ": only 4-D X [N,C,H,W] with Grid [N,Ho,Wo,2] is "
                       "supported (got X " +
                       ShapeToString(x) + ", Grid " + ShapeToString(g) + ")");
  RETURN_IF_ERROR(ReadParams(node).status());
  SetOutput(node, 0, node.input(0)->dtype, {x[0], x[1], g[1], g[2]});
  return Status::Ok();
}

double Unnormalize(double c, int64_t size, bool align) {
  return align ? (c + 1) / 2 * (size - 1) : ((c + 1) * size - 1) / 2;
}

double Reflect(double in, double twice_low, double twice_high) {
  if (twice_low == twice_high) return 0;
  double lo = twice_low / 2, span = (twice_high - twice_low) / 2;
  in = std::fabs(in - lo);
  double extra = std::fmod(in, span);
  int64_t flips = static_cast<int64_t>(std::floor(in / span));
  return flips % 2 == 0 ? extra + lo : span - extra + lo;
}

double ApplyPadding(double c, int64_t size, const Params& p) {
  if (p.pad == Pad::kBorder) return std::min(std::max(c, 0.0), static_cast<double>(size - 1));
  if (p.pad == Pad::kReflection) {
    c = p.align ? Reflect(c, 0, 2.0 * (size - 1)) : Reflect(c, -1, 2.0 * size - 1);
    return std::min(std::max(c, 0.0), static_cast<double>(size - 1));
  }
  return c;
}

double Cubic1(double x, double a) { return ((a + 2) * x - (a + 3)) * x * x + 1; }
double Cubic2(double x, double a) { return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a; }

class GridSampleKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(p_, ReadParams(node));
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef& x = io.in(0);
    const TensorRef& grid = io.in(1);
    const TensorRef& y = io.out(0);
    const int64_t N = x.dim(0), C = x.dim(1), H = x.dim(2), W = x.dim(3);
    const int64_t Ho = y.dim(2), Wo = y.dim(3);
    auto at = [&](int64_t plane, int64_t r, int64_t c) -> double {
      if (r < 0 || r >= H || c < 0 || c >= W) return 0.0;
      return ReadAsDouble(x.data, x.dtype, plane + r * W + c);
    };
    for (int64_t n = 0; n < N; ++n)
      for (int64_t h = 0; h < Ho; ++h)
        for (int64_t w = 0; w < Wo; ++w) {
          int64_t gi = ((n * Ho + h) * Wo + w) * 2;
          double ix = Unnormalize(ReadAsDouble(grid.data, grid.dtype, gi), W, p_.align);
          double iy = Unnormalize(ReadAsDouble(grid.data, grid.dtype, gi + 1), H, p_.align);
          for (int64_t c = 0; c < C; ++c) {
            int64_t plane = (n * C + c) * H * W;
            double v = 0;
            if (p_.mode == "bicubic") {
              double fx = std::floor(ix), fy = std::floor(iy), tx = ix - fx, ty = iy - fy;
              const double a = -0.75;
              double cx[4] = {Cubic2(tx + 1, a), Cubic1(tx, a), Cubic1(1 - tx, a),
                              Cubic2(2 - tx, a)};
              double cy[4] = {Cubic2(ty + 1, a), Cubic1(ty, a), Cubic1(1 - ty, a),
                              Cubic2(2 - ty, a)};
              for (int j = 0; j < 4; ++j)
                for (int i = 0; i < 4; ++i) {
                  double px = ApplyPadding(fx - 1 + i, W, p_), py = ApplyPadding(fy - 1 + j, H, p_);
                  v +=
                      cx[i] * cy[j] * at(plane, static_cast<int64_t>(py), static_cast<int64_t>(px));
                }
            } else {
              double sx = ApplyPadding(ix, W, p_), sy = ApplyPadding(iy, H, p_);
              if (p_.mode == "nearest") {
                v = at(plane, static_cast<int64_t>(std::nearbyint(sy)),
                       static_cast<int64_t>(std::nearbyint(sx)));
              } else {
                int64_t x0 = static_cast<int64_t>(std::floor(sx));
                int64_t y0 = static_cast<int64_t>(std::floor(sy));
                double tx = sx - x0, ty = sy - y0;
                v = at(plane, y0, x0) * (1 - tx) * (1 - ty) +
                    at(plane, y0, x0 + 1) * tx * (1 - ty) + at(plane, y0 + 1, x0) * (1 - tx) * ty +
                    at(plane, y0 + 1, x0 + 1) * tx * ty;
              }
            }
            WriteFromDouble(y.data, y.dtype, ((n * C + c) * Ho + h) * Wo + w, v);
          }
        }
    return Status::Ok();
  }

 private:
  Params p_;
};

}  // namespace

void RegisterOp_GridSample(OpRegistry& registry) {
  OpSchema s;
  s.name = "GridSample";
  s.min_opset = 16;
  s.min_inputs = s.max_inputs = 2;
  s.infer = InferGridSample;
  s.reference = [] { return std::unique_ptr<Kernel>(new GridSampleKernel()); };
  s.types = {DType::kFloat32, DType::kFloat64, DType::kFloat16};
  registry.Register(std::move(s));
}

}  // namespace openacl
