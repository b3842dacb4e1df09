// Expand (opset 8+): broadcasts the input to the constant `shape` input (bidirectionally, so a
// shape dim of 1 keeps the input dim).
#include "ops/common/elementwise.h"
#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

Status InferExpand(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 2));
  const Value* x = node.input(0);
  RETURN_IF_ERROR(CheckFixedSize(node, x->dtype));
  ASSIGN_OR_RETURN(std::vector<int64_t> shape, ConstantInts(node, 1));
  for (int64_t d : shape)
    if (d < 0)
      return Status(StatusCode::kShapeInvalid,
                    node.Describe() + ": negative dim in shape " + ShapeToString(shape));
  auto out = BroadcastShapes(x->shape, shape);
  if (!out.ok()) return out.status().WithContext(node.Describe());
  SetOutput(node, 0, x->dtype, *out);
  return Status::Ok();
}

class ExpandKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    const Shape& out = node.output(0)->shape;
    view_.shape = out;
    view_.strides = BroadcastStrides(node.input(0)->shape, out);
    view_.Simplify();
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    CopyStrided(io.out(0).data, io.in(0).data, view_, DTypeSize(io.in(0).dtype));
    return Status::Ok();
  }

 private:
  StridedView view_;
};

}  // namespace

void RegisterOp_Expand(OpRegistry& registry) {
  OpSchema s;
  s.name = "Expand";
  s.min_opset = 8;
  s.min_inputs = s.max_inputs = 2;
  s.infer = InferExpand;
  s.reference = [] { return std::unique_ptr<Kernel>(new ExpandKernel()); };
  s.types = AllFixedSizeTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
