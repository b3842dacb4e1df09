// DFT (opset 17): discrete Fourier transform along `axis` of a real ([..., 1]) or complex
// ([..., 2]) signal; `inverse` scales by 1/n, `onesided` keeps n/2+1 bins. dft_length (input 1)
// must be a constant. Plain O(n^2) evaluation in double precision.
#include <cmath>

#include "ops/common/shape_util.h"
#include "ops/op_registry.h"

namespace openacl {
namespace {

struct DftParams {
  int64_t axis = 1, length = 0;
  bool inverse = false, onesided = false;
};

Result<DftParams> ReadDft(const Node& node) {
  const Shape& x = node.input(0)->shape;
  if (x.size() < 3 || (x.back() != 1 && x.back() != 2))
    return InvalidParam(node.Describe() + ": input " + ShapeToString(x) +
                        " must be [batch, ..., 1 or 2]");
  DftParams p;
  ASSIGN_OR_RETURN(
      p.axis, NormalizeAxis(node.attrs.get_int("axis", 1), static_cast<int64_t>(x.size()), node));
  if (p.axis == 0 || p.axis == static_cast<int64_t>(x.size()) - 1)
    return InvalidParam(node.Describe() + ": axis must be a signal dim");
  p.inverse = node.attrs.get_int("inverse", 0) != 0;
  p.onesided = node.attrs.get_int("onesided", 0) != 0;
  p.length = x[p.axis];
  if (node.input(1)) {
    ASSIGN_OR_RETURN(std::vector<int64_t> len, ConstantInts(node, 1));
    if (len.size() != 1 || len[0] < 1)
      return InvalidParam(node.Describe() + ": dft_length must be one positive value");
    p.length = len[0];
  }
  return p;
}

Shape DftOutShape(const Shape& x, const DftParams& p) {
  Shape out = x;
  out[p.axis] = p.onesided ? p.length / 2 + 1 : p.length;
  out.back() = 2;
  return out;
}

Status InferDft(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  ASSIGN_OR_RETURN(DftParams p, ReadDft(node));
  SetOutput(node, 0, node.input(0)->dtype, DftOutShape(node.input(0)->shape, p));
  return Status::Ok();
}

class DftKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(p_, ReadDft(node));
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef& x = io.in(0);
    const TensorRef& y = io.out(0);
    const Shape& xs = *x.shape;
    const int64_t comps = xs.back(), n_in = xs[p_.axis], n_out = y.dim(p_.axis);
    int64_t outer = 1, inner = 1;
    for (int64_t d = 0; d < p_.axis; ++d) outer *= xs[d];
    for (size_t d = p_.axis + 1; d + 1 < xs.size(); ++d) inner *= xs[d];
    const double sign = p_.inverse ? 1.0 : -1.0, n = static_cast<double>(p_.length);
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t i = 0; i < inner; ++i)
        for (int64_t k = 0; k < n_out; ++k) {
          double re = 0, im = 0;
          for (int64_t t = 0; t < p_.length && t < n_in; ++t) {
            int64_t at = ((o * n_in + t) * inner + i) * comps;
            double xr = ReadAsDouble(x.data, x.dtype, at);
            double xi = comps == 2 ? ReadAsDouble(x.data, x.dtype, at + 1) : 0.0;
            double ang = sign * 2 * M_PI * static_cast<double>((k * t) % p_.length) / n;
            re += xr * std::cos(ang) - xi * std::sin(ang);
            im += xr * std::sin(ang) + xi * std::cos(ang);
          }
          if (p_.inverse) {
            re /= n;
            im /= n;
          }
          int64_t out = ((o * n_out + k) * inner + i) * 2;
          WriteFromDouble(y.data, y.dtype, out, re);
          WriteFromDouble(y.data, y.dtype, out + 1, im);
        }
    return Status::Ok();
  }

 private:
  DftParams p_;
};

}  // namespace

void RegisterOp_DFT(OpRegistry& registry) {
  OpSchema s;
  s.name = "DFT";
  s.min_opset = 17;
  s.max_inputs = 2;
  s.infer = InferDft;
  s.reference = [] { return std::unique_ptr<Kernel>(new DftKernel()); };
  s.types = {DType::kFloat32, DType::kFloat64, DType::kFloat16, DType::kBFloat16};
  registry.Register(std::move(s));
}

}  // namespace openacl
