// MatMulInteger (opset 10): int32 Y = (A - a_zero_point) x (B - b_zero_point) with numpy matmul
// broadcasting; zero points per tensor, per row of A or per column of B.
#include "ops/common/quant_util.h"
#include "ops/common/shape_util.h"

namespace openacl {
namespace {

Status InferMatMulInteger(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 2));
  ASSIGN_OR_RETURN(MatMulShape ms,
                   ComputeMatMulShape(node, node.input(0)->shape, node.input(1)->shape));
  SetOutput(node, 0, DType::kInt32, ms.out_shape);
  return Status::Ok();
}

class MatMulIntegerKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(shape_, ComputeMatMulShape(node, node.input(0)->shape, node.input(1)->shape));
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    IntegerMatMul(shape_, io.in(0), ReadInt32s(io, 2), io.in(1), ReadInt32s(io, 3),
                  io.out(0).as<int32_t>());
    return Status::Ok();
  }

 private:
  MatMulShape shape_;
};

}  // namespace

void RegisterOp_MatMulInteger(OpRegistry& registry) {
  OpSchema s;
  s.name = "MatMulInteger";
  s.min_opset = 10;
  s.min_inputs = 2;
  s.max_inputs = 4;
  s.infer = InferMatMulInteger;
  s.reference = [] { return std::unique_ptr<Kernel>(new MatMulIntegerKernel()); };
  s.types = {DType::kUInt8, DType::kInt8};
  registry.Register(std::move(s));
}

}  // namespace openacl
