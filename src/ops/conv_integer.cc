// ConvInteger (opset 10): int32 Y = Conv(X - x_zero_point, W - w_zero_point); w_zero_point per
// tensor or per output channel. Attributes as Conv.
#include "ops/common/quant_util.h"
#include "ops/common/shape_util.h"

namespace openacl {
namespace {

Status InferConvInteger(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 2));
  ASSIGN_OR_RETURN(ConvGeometry g, ConvGeometryOf(node, 0, 1));
  SetOutput(node, 0, DType::kInt32, g.out_shape);
  return Status::Ok();
}

class ConvIntegerKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(geom_, ConvGeometryOf(node, 0, 1));
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    IntegerConv(geom_, io.in(0), ReadInt32s(io, 2)[0], io.in(1), ReadInt32s(io, 3),
                io.out(0).as<int32_t>());
    return Status::Ok();
  }

 private:
  ConvGeometry geom_;
};

}  // namespace

void RegisterOp_ConvInteger(OpRegistry& registry) {
  OpSchema s;
  s.name = "ConvInteger";
  s.min_opset = 10;
  s.min_inputs = 2;
  s.max_inputs = 4;
  s.infer = InferConvInteger;
  s.reference = [] { return std::unique_ptr<Kernel>(new ConvIntegerKernel()); };
  s.types = {DType::kUInt8, DType::kInt8};
  registry.Register(std::move(s));
}

}  // namespace openacl
