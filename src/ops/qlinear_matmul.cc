// QLinearMatMul (opset 10): quantized matmul. Inputs a, a_scale, a_zero_point, b, b_scale,
// b_zero_point, y_scale, y_zero_point; y = saturate(round(acc * a_scale * b_scale / y_scale)
// + y_zero_point) where acc is the int32 product of the zero-point-shifted operands.
#include <cmath>

#include "ops/common/quant_util.h"
#include "ops/common/shape_util.h"

namespace openacl {
namespace {

Status InferQLinearMatMul(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 8));
  ASSIGN_OR_RETURN(MatMulShape ms,
                   ComputeMatMulShape(node, node.input(0)->shape, node.input(3)->shape));
  SetOutput(node, 0, node.input(7)->dtype, ms.out_shape);
  return Status::Ok();
}

class QLinearMatMulKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(shape_, ComputeMatMulShape(node, node.input(0)->shape, node.input(3)->shape));
    return Status::Ok();
  }
  size_t ScratchBytes() const override {
    return static_cast<size_t>(NumElements(shape_.out_shape)) * sizeof(int32_t);
  }
  Status Run(const KernelIO& io) const override {
    int32_t* acc = static_cast<int32_t*>(io.scratch);
    IntegerMatMul(shape_, io.in(0), ReadInt32s(io, 2), io.in(3), ReadInt32s(io, 5), acc);
    std::vector<double> as = ReadDoubles(io, 1), bs = ReadDoubles(io, 4), ys = ReadDoubles(io, 6);
    std::vector<int32_t> yz = ReadInt32s(io, 7);
    const TensorRef& y = io.out(0);
    const int64_t N = shape_.N, M = shape_.M;
    for (int64_t i = 0; i < y.numel(); ++i) {
      int64_t n = i % N, m = (i / N) % M;
      double scale = as[as.size() > 1 ? m : 0] * bs[bs.size() > 1 ? n : 0] / ys[0];
      WriteFromDouble(y.data, y.dtype, i,
                      SaturateRound(std::nearbyint(acc[i] * scale) + yz[0], y.dtype));
    }
    return Status::Ok();
  }

 private:
  MatMulShape shape_;
};

}  // namespace

void RegisterOp_QLinearMatMul(OpRegistry& registry) {
  OpSchema s;
  s.name = "QLinearMatMul";
  s.min_opset = 10;
  s.min_inputs = s.max_inputs = 8;
  s.infer = InferQLinearMatMul;
  s.reference = [] { return std::unique_ptr<Kernel>(new QLinearMatMulKernel()); };
  s.types = {DType::kUInt8, DType::kInt8};
  registry.Register(std::move(s));
}

}  // namespace openacl
