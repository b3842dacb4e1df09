// STFT (opset 17): short-time Fourier transform of signal [batch, length, 1 or 2] with constant
// frame_step (input 1) and frame_length (input 3, else the window's length), optional window
// (input 2); output [batch, frames, bins, 2], bins = frame_length/2+1 when onesided (default).
#include <cmath>

#include "ops/common/shape_util.h"
#include "ops/op_registry.h"

namespace openacl {
namespace {

struct StftParams {
  int64_t step = 1, length = 0, frames = 0, bins = 0;
};

Result<StftParams> ReadStft(const Node& node) {
  const Shape& x = node.input(0)->shape;
  if (x.size() != 3 || (x[2] != 1 && x[2] != 2))
    return InvalidParam(node.Describe() + ": signal " + ShapeToString(x) +
                        " must be [batch, length, 1 or 2]");
  StftParams p;
  ASSIGN_OR_RETURN(std::vector<int64_t> step, ConstantInts(node, 1));
  if (step.size() != 1 || step[0] < 1)
    return InvalidParam(node.Describe() + ": frame_step must be one positive value");
  p.step = step[0];
  if (node.input(3)) {
    ASSIGN_OR_RETURN(std::vector<int64_t> len, ConstantInts(node, 3));
    if (len.size() != 1) return InvalidParam(node.Describe() + ": frame_length must be a scalar");
    p.length = len[0];
  } else if (node.input(2) && node.input(2)->shape.size() == 1) {
    p.length = node.input(2)->shape[0];
  } else {
    return InvalidParam(node.Describe() + ": needs a window or frame_length");
  }
  if (p.length < 1 || p.length > x[1])
    return InvalidParam(node.Describe() + ": frame_length " + std::to_string(p.length) +
                        " must be in [1, " + std::to_string(x[1]) + "]");
  p.frames = 1 + (x[1] - p.length) / p.step;
  p.bins = node.attrs.get_int("onesided", 1) != 0 ? p.length / 2 + 1 : p.length;
  return p;
}

Status InferStft(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 2));
  ASSIGN_OR_RETURN(StftParams p, ReadStft(node));
  SetOutput(node, 0, node.input(0)->dtype, {node.input(0)->shape[0], p.frames, p.bins, 2});
  return Status::Ok();
}

class StftKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(p_, ReadStft(node));
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef& x = io.in(0);
    const TensorRef& y = io.out(0);
    const int64_t batch = x.dim(0), len = x.dim(1), comps = x.dim(2), n = p_.length;
    const bool has_window = io.has_input(2);
    for (int64_t b = 0; b < batch; ++b)
      for (int64_t f = 0; f < p_.frames; ++f)
        for (int64_t k = 0; k < p_.bins; ++k) {
          double re = 0, im = 0;
          for (int64_t t = 0; t < n; ++t) {
            int64_t at = (b * len + f * p_.step + t) * comps;
            double w = has_window ? ReadAsDouble(io.in(2).data, io.in(2).dtype, t) : 1.0;
            double xr = ReadAsDouble(x.data, x.dtype, at) * w;
            double xi = comps == 2 ? ReadAsDouble(x.data, x.dtype, at + 1) * w : 0.0;
            double ang = -2 * M_PI * static_cast<double>((k * t) % n) / static_cast<double>(n);
            re += xr * std::cos(ang) - xi * std::sin(ang);
            im += xr * std::sin(ang) + xi * std::cos(ang);
          }
          int64_t out = ((b * p_.frames + f) * p_.bins + k) * 2;
          WriteFromDouble(y.data, y.dtype, out, re);
          WriteFromDouble(y.data, y.dtype, out + 1, im);
        }
    return Status::Ok();
  }

 private:
  StftParams p_;
};

}  // namespace

void RegisterOp_STFT(OpRegistry& registry) {
  OpSchema s;
  s.name = "STFT";
  s.min_opset = 17;
  s.min_inputs = 2;
  s.max_inputs = 4;
  s.infer = InferStft;
  s.reference = [] { return std::unique_ptr<Kernel>(new StftKernel()); };
  s.types = {DType::kFloat32, DType::kFloat64, DType::kFloat16, DType::kBFloat16};
  registry.Register(std::move(s));
}

}  // namespace openacl
