// ConstantOfShape (opset 9+): a tensor of the constant int64 shape input, filled with the
// one-element `value` attribute (default float32 0).
#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

Result<Tensor> FillValue(const Node& node) {
  const Attribute* a = node.attrs.find("value");
  if (!a) return Tensor(DType::kFloat32, {1});
  if (a->kind != Attribute::Kind::kTensor || a->t.num_elements() != 1)
    return Status(StatusCode::kOpAttrNotMatch,
                  node.Describe() + ": 'value' must be a one-element tensor");
  RETURN_IF_ERROR(CheckFixedSize(node, a->t.dtype()));
  return a->t;
}

Status InferConstantOfShape(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  ASSIGN_OR_RETURN(std::vector<int64_t> shape, ConstantInts(node, 0));
  for (int64_t d : shape)
    if (d < 0)
      return Status(StatusCode::kShapeInvalid,
                    node.Describe() + ": negative dim in shape " + ShapeToString(shape));
  ASSIGN_OR_RETURN(Tensor value, FillValue(node));
  SetOutput(node, 0, value.dtype(), shape);
  return Status::Ok();
}

class ConstantOfShapeKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(value_, FillValue(node));
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    size_t es = DTypeSize(value_.dtype());
    uint8_t* dst = static_cast<uint8_t*>(io.out(0).data);
    for (int64_t i = 0; i < io.out(0).numel(); ++i) std::memcpy(dst + i * es, value_.data(), es);
    return Status::Ok();
  }

 private:
  Tensor value_;
};

}  // namespace

void RegisterOp_ConstantOfShape(OpRegistry& registry) {
  OpSchema s;
  s.name = "ConstantOfShape";
  s.min_opset = 9;
  s.infer = InferConstantOfShape;
  s.reference = [] { return std::unique_ptr<Kernel>(new ConstantOfShapeKernel()); };
  s.types = AllFixedSizeTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
