// QuantizeLinear (opset 10/13): y = saturate(round_half_even(x / y_scale) + y_zero_point);
// per-tensor or (opset 13) per-axis scale. y's type is y_zero_point's (uint8 when absent).
#include <cmath>

#include "ops/common/quant_util.h"
#include "ops/common/shape_util.h"

namespace openacl {
namespace {

Status InferQuantize(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 2));
  const Value* zp = node.input(2);
  DType out = zp ? zp->dtype : DType::kUInt8;
  if (out != DType::kUInt8 && out != DType::kInt8)
    return Status(StatusCode::kUnsupportedDataType, node.Describe() + ": y_zero_point type " +
                                                        DTypeName(out) +
                                                        " is not supported (uint8, int8 are)");
  SetOutput(node, 0, out, node.input(0)->shape);
  return Status::Ok();
}

class QuantizeKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(
        axis_, MakeAxisIndexer(node, node.input(0)->shape, NumElements(node.input(1)->shape)));
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef& x = io.in(0);
    const TensorRef& y = io.out(0);
    std::vector<double> scale = ReadDoubles(io, 1);
    std::vector<int32_t> zp = ReadInt32s(io, 2);
    for (int64_t i = 0; i < x.numel(); ++i) {
      int64_t a = axis_(i);
      // Divide in float like the ONNX reference so ties round the same way.
      float ratio =
          static_cast<float>(ReadAsDouble(x.data, x.dtype, i)) / static_cast<float>(scale[a]);
      double q = std::nearbyint(ratio) + zp[zp.size() > 1 ? a : 0];
      WriteFromDouble(y.data, y.dtype, i, SaturateRound(q, y.dtype));
    }
    return Status::Ok();
  }

 private:
  AxisIndexer axis_;
};

}  // namespace

void RegisterOp_QuantizeLinear(OpRegistry& registry) {
  OpSchema s;
  s.name = "QuantizeLinear";
  s.min_opset = 10;
  s.min_inputs = 2;
  s.max_inputs = 3;
  s.infer = InferQuantize;
  s.reference = [] { return std::unique_ptr<Kernel>(new QuantizeKernel()); };
  s.types = {DType::kFloat32, DType::kInt32, DType::kFloat16};
  registry.Register(std::move(s));
}

}  // namespace openacl
