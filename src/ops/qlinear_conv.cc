// QLinearConv (opset 10): quantized Conv. Inputs x, x_scale, x_zero_point, w, w_scale,
// w_zero_point, y_scale, y_zero_point, optional int32 bias B; w_scale / w_zero_point per tensor
// or per output channel.
#include <cmath>

#include "ops/common/quant_util.h"
#include "ops/common/shape_util.h"

namespace openacl {
namespace {

Status InferQLinearConv(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 8));
  ASSIGN_OR_RETURN(ConvGeometry g, ConvGeometryOf(node, 0, 3));
  SetOutput(node, 0, node.input(7)->dtype, g.out_shape);
  return Status::Ok();
}

class QLinearConvKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(geom_, ConvGeometryOf(node, 0, 3));
    return Status::Ok();
  }
  size_t ScratchBytes() const override {
    return static_cast<size_t>(NumElements(geom_.out_shape)) * sizeof(int32_t);
  }
  Status Run(const KernelIO& io) const override {
    int32_t* acc = static_cast<int32_t*>(io.scratch);
    IntegerConv(geom_, io.in(0), ReadInt32s(io, 2)[0], io.in(3), ReadInt32s(io, 5), acc);
    std::vector<double> xs = ReadDoubles(io, 1), ws = ReadDoubles(io, 4), ys = ReadDoubles(io, 6);
    std::vector<int32_t> yz = ReadInt32s(io, 7);
    std::vector<int32_t> bias = ReadInt32s(io, 8);
    const TensorRef& y = io.out(0);
    int64_t plane = 1;
    for (int64_t d : geom_.sp.out) plane *= d;
    for (int64_t i = 0; i < y.numel(); ++i) {
      int64_t m = (i / plane) % geom_.out_channels;
      double scale = xs[0] * ws[ws.size() > 1 ? m : 0] / ys[0];
      double v = static_cast<double>(acc[i]) + (io.has_input(8) ? bias[m] : 0);
      WriteFromDouble(y.data, y.dtype, i,
                      SaturateRound(std::nearbyint(v * scale) + yz[0], y.dtype));
    }
    return Status::Ok();
  }

 private:
  ConvGeometry geom_;
};

}  // namespace

void RegisterOp_QLinearConv(OpRegistry& registry) {
  OpSchema s;
  s.name = "QLinearConv";
  s.min_opset = 10;
  s.min_inputs = 8;
  s.max_inputs = 9;
  s.infer = InferQLinearConv;
  s.reference = [] { return std::unique_ptr<Kernel>(new QLinearConvKernel()); };
  s.types = {DType::kUInt8, DType::kInt8};
  registry.Register(std::move(s));
}

}  // namespace openacl
