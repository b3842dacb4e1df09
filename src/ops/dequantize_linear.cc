// DequantizeLinear (opset 10/13): y = (x - x_zero_point) * x_scale, per-tensor or (opset 13)
// per-axis; y has x_scale's type.
#include "ops/common/quant_util.h"
#include "ops/common/shape_util.h"

namespace openacl {
namespace {

Status InferDequantize(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 2));
  SetOutput(node, 0, node.input(1)->dtype, node.input(0)->shape);
  return Status::Ok();
}

class DequantizeKernel : public Kernel {
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
      double v = static_cast<double>(ReadAsInt64(x.data, x.dtype, i) - zp[zp.size() > 1 ? a : 0]);
      // Multiply in float like the ONNX reference so float32 results match bit for bit.
      WriteFromDouble(y.data, y.dtype, i, static_cast<float>(v) * static_cast<float>(scale[a]));
    }
    return Status::Ok();
  }

 private:
  AxisIndexer axis_;
};

}  // namespace

void RegisterOp_DequantizeLinear(OpRegistry& registry) {
  OpSchema s;
  s.name = "DequantizeLinear";
  s.min_opset = 10;
  s.min_inputs = 2;
  s.max_inputs = 3;
  s.infer = InferDequantize;
  s.reference = [] { return std::unique_ptr<Kernel>(new DequantizeKernel()); };
  s.types = {DType::kUInt8, DType::kInt8, DType::kInt32};
  registry.Register(std::move(s));
}

}  // namespace openacl
