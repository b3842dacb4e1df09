// RoiAlign (opset 10/16): average or max of bilinear samples over output_height x output_width
// bins of each region of interest. Follows onnxruntime's reference implementation (the source
// of the ONNX test data), including its max mode and the half_pixel / output_half_pixel modes.
#include <algorithm>
#include <cmath>
#include <string>

#include "ops/common/shape_util.h"
#include "ops/op_registry.h"

namespace openacl {
namespace {

struct RoiParams {
  bool max_mode = false, half_pixel = true;
  int64_t out_h = 1, out_w = 1, sampling_ratio = 0;
  float spatial_scale = 1.0f;
};

Result<RoiParams> ReadRoi(const Node& node) {
  RoiParams p;
  std::string mode = node.attrs.get_string("mode", "avg");
  if (mode != "avg" && mode != "max")
    return Unsupported(node.Describe() + ": mode '" + mode + "' is not supported");
  p.max_mode = mode == "max";
  std::string ctm = node.attrs.get_string("coordinate_transformation_mode",
                                          node.opset >= 16 ? "half_pixel" : "output_half_pixel");
  if (ctm != "half_pixel" && ctm != "output_half_pixel")
    return Unsupported(node.Describe() + ": coordinate_transformation_mode '" + ctm + "'");
  p.half_pixel = ctm == "half_pixel";
  p.out_h = node.attrs.get_int("output_height", 1);
  p.out_w = node.attrs.get_int("output_width", 1);
  p.sampling_ratio = node.attrs.get_int("sampling_ratio", 0);
  p.spatial_scale = node.attrs.get_float("spatial_scale", 1.0f);
  return p;
}

Status InferRoiAlign(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 3));
  const Shape& x = node.input(0)->shape;
  const Shape& rois = node.input(1)->shape;
  if (x.size() != 4 || rois.size() != 2 || rois[1] != 4)
    return InvalidParam(node.Describe() + ": X must be [N,C,H,W] and rois [R,4]");
  ASSIGN_OR_RETURN(RoiParams p, ReadRoi(node));
  SetOutput(node, 0, node.input(0)->dtype, {rois[0], x[1], p.out_h, p.out_w});
  return Status::Ok();
}

class RoiAlignKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(p_, ReadRoi(node));
    who_ = node.Describe();
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef& x = io.in(0);
    const TensorRef& rois = io.in(1);
    const TensorRef& bidx = io.in(2);
    const TensorRef& y = io.out(0);
    const int64_t N = x.dim(0), C = x.dim(1), H = x.dim(2), W = x.dim(3), R = rois.dim(0);
    const float offset = p_.half_pixel ? 0.5f : 0.0f;
    for (int64_t r = 0; r < R; ++r) {
      int64_t b = ReadAsInt64(bidx.data, bidx.dtype, r);
      if (b < 0 || b >= N)
        return InvalidParam(who_ + ": batch index " + std::to_string(b) + " outside [0, " +
                            std::to_string(N) + ")");
      auto roi = [&](int k) {
        return static_cast<float>(ReadAsDouble(rois.data, rois.dtype, r * 4 + k)) *
                   p_.spatial_scale -
               offset;
      };
      float x0 = roi(0), y0 = roi(1), x1 = roi(2), y1 = roi(3);
      float rw = x1 - x0, rh = y1 - y0;
      if (!p_.half_pixel) {
        rw = std::max(rw, 1.0f);
        rh = std::max(rh, 1.0f);
      }
      float bh = rh / p_.out_h, bw = rw / p_.out_w;
      int64_t gh = p_.sampling_ratio > 0 ? p_.sampling_ratio
                                         : static_cast<int64_t>(std::ceil(rh / p_.out_h));
      int64_t gw = p_.sampling_ratio > 0 ? p_.sampling_ratio
                                         : static_cast<int64_t>(std::ceil(rw / p_.out_w));
      float count = static_cast<float>(std::max<int64_t>(gh * gw, 1));
      for (int64_t c = 0; c < C; ++c) {
        int64_t plane = (b * C + c) * H * W;
        auto px = [&](int64_t yy, int64_t xx) {
          return static_cast<float>(ReadAsDouble(x.data, x.dtype, plane + yy * W + xx));
        };
        for (int64_t ph = 0; ph < p_.out_h; ++ph)
          for (int64_t pw = 0; pw < p_.out_w; ++pw) {
            float acc = 0;
            bool first = true;
            for (int64_t iy = 0; iy < gh; ++iy)
              for (int64_t ix = 0; ix < gw; ++ix) {
                float sy = y0 + ph * bh + (iy + 0.5f) * bh / static_cast<float>(gh);
                float sx = x0 + pw * bw + (ix + 0.5f) * bw / static_cast<float>(gw);
                float w1 = 0, w2 = 0, w3 = 0, w4 = 0;
                int64_t yl = 0, yh = 0, xl = 0, xh = 0;
                if (!(sy < -1.0f || sy > H || sx < -1.0f || sx > W)) {
                  if (sy <= 0) sy = 0;
                  if (sx <= 0) sx = 0;
                  yl = static_cast<int64_t>(sy);
                  xl = static_cast<int64_t>(sx);
                  if (yl >= H - 1) {
                    yh = yl = H - 1;
                    sy = static_cast<float>(yl);
                  } else {
                    yh = yl + 1;
                  }
                  if (xl >= W - 1) {
                    xh = xl = W - 1;
                    sx = static_cast<float>(xl);
                  } else {
                    xh = xl + 1;
                  }
                  float ly = sy - yl, lx = sx - xl, hy = 1 - ly, hx = 1 - lx;
                  w1 = hy * hx;
                  w2 = hy * lx;
                  w3 = ly * hx;
                  w4 = ly * lx;
                }
                float v1 = w1 * px(yl, xl), v2 = w2 * px(yl, xh), v3 = w3 * px(yh, xl),
                      v4 = w4 * px(yh, xh);
                if (p_.max_mode) {
                  float v = std::max(std::max(std::max(v1, v2), v3), v4);
                  acc = first ? v : std::max(acc, v);
                  first = false;
                } else {
                  acc += v1 + v2 + v3 + v4;
                }
              }
            if (!p_.max_mode) acc /= count;
            WriteFromDouble(y.data, y.dtype, ((r * C + c) * p_.out_h + ph) * p_.out_w + pw, acc);
          }
      }
    }
    return Status::Ok();
  }

 private:
  RoiParams p_;
  std::string who_;
};

}  // namespace

void RegisterOp_RoiAlign(OpRegistry& registry) {
  OpSchema s;
  s.name = "RoiAlign";
  s.min_opset = 10;
  s.min_inputs = s.max_inputs = 3;
  s.infer = InferRoiAlign;
  s.reference = [] { return std::unique_ptr<Kernel>(new RoiAlignKernel()); };
  s.types = {DType::kFloat32, DType::kFloat64, DType::kFloat16};
  registry.Register(std::move(s));
}

}  // namespace openacl
