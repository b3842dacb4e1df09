// Aipp (openacl op, inserted by atc --insert_op_conf): turns raw uint8 images (YUV420SP, RGB888,
// XRGB8888, ...) into the float tensor a model input wants. Per output pixel, in this order:
// read the source pixel (+ rbuv / ax swaps) -> crop -> CSC -> bilinear resize ->
// (x - mean - min) * var_reci -> padding. Parameters, attributes and rules: ops/common/aipp_params.h;
// formulas: docs/aipp.md. The reference kernel below evaluates those formulas pixel by pixel.
#include <algorithm>
#include <cmath>

#include "ops/common/aipp_params.h"
#include "ops/op_registry.h"

namespace openacl {
namespace {

using aipp::InputFormat;
using aipp::Params;

Status InferAipp(Node& node) {
  const Value* in = node.input(0);
  if (!in || !in->has_shape) return Status(StatusCode::kShapeInvalid, node.Describe() + ": input 0 has no shape");
  ASSIGN_OR_RETURN(aipp::NodeGeometry g, aipp::ReadNode(node));
  if (g.dynamic) {
    const Value* params = node.input(1);
    if (params->dtype != DType::kUInt8 || params->shape.size() != 1 ||
        params->shape[0] < static_cast<int64_t>(aipp::DynamicDataSize(std::max<int64_t>(g.batch, 1))))
      return InvalidParam(node.Describe() + ": the dynamic AIPP parameter input must be uint8 [" +
                          std::to_string(aipp::DynamicDataSize(std::max<int64_t>(g.batch, 1))) +
                          "], got " + ShapeToString(params->shape));
  }
  Shape out = g.nhwc ? Shape{g.batch, g.height, g.width, g.channels}
                     : Shape{g.batch, g.channels, g.height, g.width};
  SetOutput(node, 0, g.out_dtype, out);
  return Status::Ok();
}

// Channels of source pixel (x, y): R, G, B or Y, U, V, after the rbuv / ax swaps.
void ReadPixel(const uint8_t* img, const Params& p, int64_t x, int64_t y, int c[3]) {
  const int64_t w = p.src_w, h = p.src_h;
  const uint8_t* px = nullptr;
  switch (p.format) {
    case InputFormat::kYuv420sp:
    case InputFormat::kYuv422sp: {
      int64_t uv_row = p.format == InputFormat::kYuv420sp ? y / 2 : y;
      const uint8_t* uv = img + w * h + uv_row * w + (x / 2) * 2;
      c[0] = img[y * w + x];
      c[1] = uv[0];
      c[2] = uv[1];
      break;
    }
    case InputFormat::kYuyv:
      px = img + y * w * 2 + (x / 2) * 4;
      c[0] = px[(x % 2) * 2];
      c[1] = px[1];
      c[2] = px[3];
      break;
    case InputFormat::kYuv400:
      c[0] = img[y * w + x];
      c[1] = c[2] = 128;
      break;
    case InputFormat::kRgb888:
      px = img + (y * w + x) * 3;
      c[0] = px[0];
      c[1] = px[1];
      c[2] = px[2];
      break;
    default:  // XRGB8888, ARGB8888, AYUV444: A/X first, or last with ax_swap
      px = img + (y * w + x) * 4 + (p.ax_swap ? 0 : 1);
      c[0] = px[0];
      c[1] = px[1];
      c[2] = px[2];
      break;
  }
  if (p.rbuv_swap) {
    if (aipp::IsYuv(p.format))
      std::swap(c[1], c[2]);
    else
      std::swap(c[0], c[2]);
  }
}

// CSC as the hardware computes it: YUV in: (M . (in - input_bias)) >> 8;
// RGB in: ((M . in) >> 8) + output_bias; saturated to [0, 255].
void ApplyCsc(const Params& p, const int in[3], int out[3]) {
  const bool yuv = aipp::IsYuv(p.format);
  for (int i = 0; i < 3; ++i) {
    int32_t acc = 0;
    for (int j = 0; j < 3; ++j) acc += p.matrix[i * 3 + j] * (in[j] - (yuv ? p.in_bias[j] : 0));
    int32_t v = (acc >> 8) + (yuv ? 0 : p.out_bias[i]);
    out[i] = std::min(255, std::max(0, v));
  }
}

// Pixel (x, y) of the cropped image after CSC, as doubles.
void CroppedPixel(const uint8_t* img, const Params& p, int64_t x, int64_t y, double v[3]) {
  int c[3], o[3];
  ReadPixel(img, p, x + (p.crop ? p.crop_x : 0), y + (p.crop ? p.crop_y : 0), c);
  if (p.csc) {
    ApplyCsc(p, c, o);
  } else {
    o[0] = c[0];
    o[1] = c[1];
    o[2] = c[2];
  }
  for (int i = 0; i < 3; ++i) v[i] = o[i];
}

// Bilinear source position for output coordinate o (half-pixel centres, clamped).
void Sample(int64_t o, int64_t in_size, int64_t out_size, int64_t* i0, int64_t* i1, double* f) {
  double s = (static_cast<double>(o) + 0.5) * static_cast<double>(in_size) /
                 static_cast<double>(out_size) - 0.5;
  s = std::min(std::max(s, 0.0), static_cast<double>(in_size - 1));
  *i0 = static_cast<int64_t>(std::floor(s));
  *i1 = std::min(*i0 + 1, in_size - 1);
  *f = s - static_cast<double>(*i0);
}

void ResizedPixel(const uint8_t* img, const Params& p, int64_t x, int64_t y, double v[3]) {
  if (!p.resize) return CroppedPixel(img, p, x, y, v);
  int64_t x0, x1, y0, y1;
  double fx, fy;
  Sample(x, p.cropped_w(), p.resize_w, &x0, &x1, &fx);
  Sample(y, p.cropped_h(), p.resize_h, &y0, &y1, &fy);
  double a[3], b[3], c[3], d[3];
  CroppedPixel(img, p, x0, y0, a);
  CroppedPixel(img, p, x1, y0, b);
  CroppedPixel(img, p, x0, y1, c);
  CroppedPixel(img, p, x1, y1, d);
  for (int i = 0; i < 3; ++i)
    v[i] = (1 - fy) * ((1 - fx) * a[i] + fx * b[i]) + fy * ((1 - fx) * c[i] + fx * d[i]);
}

class AippReferenceKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(g_, aipp::ReadNode(node));
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const uint8_t* images = io.in(0).as<const uint8_t>();
    const uint8_t* dyn = g_.dynamic ? io.in(1).as<const uint8_t>() : nullptr;
    const size_t dyn_size = g_.dynamic ? io.in(1).nbytes() : 0;
    const int64_t n_images = io.in(0).dim(0);
    for (int64_t n = 0; n < n_images; ++n) {
      ASSIGN_OR_RETURN(Params p, aipp::ImageParams(g_, dyn, dyn_size, n));
      RunImage(p, images + n * g_.image_stride, io.out(0), n);
    }
    return Status::Ok();
  }

 private:
  void RunImage(const Params& p, const uint8_t* img, const TensorRef& out, int64_t n) const {
    const int64_t C = g_.channels, H = g_.height, W = g_.width;
    const int64_t top = p.padding ? p.pad_top : 0, left = p.padding ? p.pad_left : 0;
    for (int64_t y = 0; y < H; ++y) {
      for (int64_t x = 0; x < W; ++x) {
        int64_t ry = y - top, rx = x - left;
        bool inside = ry >= 0 && rx >= 0 && ry < p.resized_h() && rx < p.resized_w();
        double v[3] = {0, 0, 0};
        if (inside) ResizedPixel(img, p, rx, ry, v);
        for (int64_t c = 0; c < C; ++c) {
          double r = inside ? (v[c] - p.mean[c] - p.min[c]) * p.var_reci[c] : p.pad_value;
          int64_t at = g_.nhwc ? ((n * H + y) * W + x) * C + c : ((n * C + c) * H + y) * W + x;
          if (g_.out_dtype == DType::kFloat16)
            out.as<uint16_t>()[at] = FloatToHalf(static_cast<float>(r));
          else
            out.as<float>()[at] = static_cast<float>(r);
        }
      }
    }
  }

  aipp::NodeGeometry g_;
};

}  // namespace

void RegisterOp_Aipp(OpRegistry& registry) {
  OpSchema s;
  s.name = "Aipp";
  s.min_inputs = 1;
  s.max_inputs = 2;
  s.infer = InferAipp;
  s.reference = [] { return std::unique_ptr<Kernel>(new AippReferenceKernel()); };
  s.types = {DType::kUInt8};
  registry.Register(std::move(s));
}

}  // namespace openacl
