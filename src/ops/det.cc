// Det (opset 11): determinant of square matrices [*, M, M] -> [*], by LU decomposition with
// partial pivoting in double precision.
#include <cmath>
#include <utility>
#include <vector>

#include "ops/common/shape_util.h"
#include "ops/op_registry.h"

namespace openacl {
namespace {

Status InferDet(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  const Shape& x = node.input(0)->shape;
  if (x.size() < 2 || x[x.size() - 1] != x[x.size() - 2])
    return InvalidParam(node.Describe() + ": input " + ShapeToString(x) +
                        " is not a batch of square matrices");
  if (!IsFloating(node.input(0)->dtype))
    return Status(StatusCode::kUnsupportedDataType,
                  node.Describe() + ": input must be floating point");
  SetOutput(node, 0, node.input(0)->dtype, Shape(x.begin(), x.end() - 2));
  return Status::Ok();
}

class DetKernel : public Kernel {
 public:
  Status Run(const KernelIO& io) const override {
    const TensorRef& x = io.in(0);
    const int64_t m = x.dim(x.rank() - 1);
    const int64_t batch = m == 0 ? io.out(0).numel() : x.numel() / (m * m);
    std::vector<double> a(static_cast<size_t>(m * m));
    for (int64_t b = 0; b < batch; ++b) {
      for (int64_t i = 0; i < m * m; ++i) a[i] = ReadAsDouble(x.data, x.dtype, b * m * m + i);
      double det = 1;
      for (int64_t c = 0; c < m && det != 0; ++c) {
        int64_t p = c;
        for (int64_t r = c + 1; r < m; ++r)
          if (std::fabs(a[r * m + c]) > std::fabs(a[p * m + c])) p = r;
        if (a[p * m + c] == 0) {
          det = 0;
          break;
        }
        if (p != c) {
          for (int64_t k = 0; k < m; ++k) std::swap(a[p * m + k], a[c * m + k]);
          det = -det;
        }
        det *= a[c * m + c];
        for (int64_t r = c + 1; r < m; ++r) {
          double f = a[r * m + c] / a[c * m + c];
          for (int64_t k = c; k < m; ++k) a[r * m + k] -= f * a[c * m + k];
        }
      }
      WriteFromDouble(io.out(0).data, io.out(0).dtype, b, det);
    }
    return Status::Ok();
  }
};

}  // namespace

void RegisterOp_Det(OpRegistry& registry) {
  OpSchema s;
  s.name = "Det";
  s.min_opset = 11;
  s.infer = InferDet;
  s.reference = [] { return std::unique_ptr<Kernel>(new DetKernel()); };
  s.types = {DType::kFloat32, DType::kFloat64, DType::kFloat16, DType::kBFloat16};
  registry.Register(std::move(s));
}

}  // namespace openacl
